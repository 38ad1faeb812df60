using System.Security.Cryptography;
using System.Text;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.TestSupport.Aws;
using VaultEc2Auth.TestSupport.Cms;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// The peers a login needs, on loopback: fake EC2/IAM with three instances of one IAM role (one running, one
/// terminated, one that the test terminates after its first login), fake Vault for the writer, and a test CA
/// that signs their identity documents the way AWS does.
/// </summary>
internal sealed class LoginFlowPeers : IAsyncDisposable
{
    public const string AccountId = "123456789012";
    public const string Region = "us-east-1";
    public const string RoleArn = "arn:aws:iam::123456789012:role/worker";
    public const string RunningId = "i-0a1b2c3d4e5f60001";
    public const string TerminatedId = "i-0a1b2c3d4e5f60002";
    public const string DoomedId = "i-0a1b2c3d4e5f60003";
    public const string WriterToken = "writer-token-e2e";

    private LoginFlowPeers(TestIdentityCa ca, FakeAwsServer aws, FakeVaultServer vault)
    {
        Ca = ca;
        Aws = aws;
        Vault = vault;
    }

    public TestIdentityCa Ca { get; }
    public FakeAwsServer Aws { get; }
    public FakeVaultServer Vault { get; }

    public static async Task<LoginFlowPeers> StartAsync()
    {
        var ca = TestIdentityCa.Create();
        var aws = new FakeAwsServer();
        await aws.StartAsync();
        var vault = new FakeVaultServer(WriterToken);
        await vault.StartAsync();
        aws.AddInstanceProfile("worker", RoleArn);
        var launched = DateTimeOffset.UtcNow.AddHours(-1);
        foreach (var (id, state, octet) in new[] { (RunningId, "running", 11), (TerminatedId, "terminated", 12), (DoomedId, "running", 13) })
        {
            aws.AddInstance(new FakeInstance(id, AccountId, "ami-0abcdef1234567890", Region + "a", launched, state,
                IamInstanceProfileArn: $"arn:aws:iam::{AccountId}:instance-profile/worker",
                PrivateDnsName: Fqdn(id), PrivateIpAddress: $"10.0.1.{octet}",
                Tags: new Dictionary<string, string> { ["team"] = "builders" }));
        }

        return new LoginFlowPeers(ca, aws, vault);
    }

    public static string Fqdn(string instanceId) => $"ip-10-0-1-{instanceId[^2..]}.ec2.internal";

    /// <summary>Same definition as the plugin's InstanceHash (README, "Template variables").</summary>
    public static string Hash(string instanceId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{AccountId}:{Region}:{instanceId}")))[..32];

    public string Pkcs7For(string instanceId) =>
        Ca.SignPkcs7Dsa(TestIdentityCa.BuildDocument(instanceId, AccountId, Region, "ami-0abcdef1234567890",
            pendingTime: DateTimeOffset.UtcNow.AddMinutes(-59)));

    public async ValueTask DisposeAsync()
    {
        await Aws.DisposeAsync();
        await Vault.DisposeAsync();
        Ca.Dispose();
    }
}
