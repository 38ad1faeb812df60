using System.Runtime.CompilerServices;
using Amazon.Runtime;
using VaultEc2Auth.Aws.Instances;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.TestSupport.Aws;

namespace VaultEc2Auth.Aws.Tests.Instances;

internal static class NoInstanceMetadata
{
    /// <summary>The SDK must never reach for the instance metadata service from a test machine.</summary>
    [ModuleInitializer]
    internal static void Disable() => Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
}

/// <summary>A clock tests move by hand.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A credential chain that finds nothing, like a host without keys or an instance role.</summary>
internal sealed class EmptyCredentialChain : AwsCredentialSource
{
    protected override AWSCredentials? ResolveDefaultChain() => null;
}

/// <summary>A fake AWS, a describer pointed at it, and a matching document.</summary>
internal sealed class DescriberHarness : IAsyncDisposable
{
    public const string InstanceId = "i-0a1b2c3d4e5f60718";
    public const string AccountId = "123456789012";
    public const string ImageId = "ami-0abcdef1234567890";
    public const string ProfileArn = "arn:aws:iam::123456789012:instance-profile/fleet/web-profile";
    public const string RoleArn = "arn:aws:iam::123456789012:role/web";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static readonly DateTimeOffset PendingTime = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private DescriberHarness(FakeAwsServer server, AwsCredentialSource credentials, Uri? metadataService)
    {
        Server = server;
        Time = new ManualTime(PendingTime.AddHours(2));
        server.Clock = Time.GetUtcNow;
        Describer = new Ec2InstanceDescriber(credentials, Time, new HttpClient(), new InstanceMetadataRegion(metadataService));
    }

    public FakeAwsServer Server { get; }
    public ManualTime Time { get; }
    public Ec2InstanceDescriber Describer { get; }

    /// <param name="metadataService">A fake instance metadata service, as if Vault ran on EC2; none by default.</param>
    public static async Task<DescriberHarness> StartAsync(AwsCredentialSource? credentials = null, Uri? metadataService = null)
    {
        var server = new FakeAwsServer();
        await server.StartAsync();
        server.AddInstance(new FakeInstance(InstanceId, AccountId, ImageId, "eu-west-1b", PendingTime,
            IamInstanceProfileArn: ProfileArn, Tags: new Dictionary<string, string> { ["Name"] = "web-1", ["team"] = "edge" }));
        server.AddInstanceProfile("web-profile", RoleArn);
        return new DescriberHarness(server, credentials ?? new AwsCredentialSource(), metadataService);
    }

    public CloudClientSettings Settings(int maxRetries = 2, FakeAwsServer? server = null)
    {
        var endpoint = (server ?? Server).BaseAddress.ToString();
        return new CloudClientSettings("aws", "AKIAIOSFODNN7EXAMPLE", SecretKey, null, endpoint, endpoint, null, maxRetries);
    }

    public static VerifiedDocument Document(
        string instanceId = InstanceId, string accountId = AccountId, string imageId = ImageId, DateTimeOffset? pendingTime = null) =>
        new(instanceId, accountId, "eu-west-1", "eu-west-1b", pendingTime ?? PendingTime, imageId, "t3.micro", "10.0.1.25", "x86_64");

    public Task<InstanceFacts> DescribeAsync(VerifiedDocument? document = null, CloudClientSettings? settings = null, AccountStsRole? stsRole = null) =>
        Describer.DescribeAsync(document ?? Document(), settings ?? Settings(), stsRole, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Describer.Dispose();
        await Server.DisposeAsync();
    }
}
