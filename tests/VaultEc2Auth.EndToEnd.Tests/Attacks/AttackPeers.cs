using System.Security.Cryptography;
using System.Text;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.TestSupport.Aws;
using VaultEc2Auth.TestSupport.Cms;

namespace VaultEc2Auth.EndToEnd.Tests.Attacks;

/// <summary>
/// Fake EC2/IAM, fake Vault and a test CA for the attack suite. Every attack has an instance of its own (or attacks
/// the one victim), so what it must not have written can be looked up by that instance's id and hash.
/// </summary>
internal sealed class AttackPeers : IAsyncDisposable
{
    public const string AccountId = "123456789012";
    public const string OtherAccountId = "999999999999";
    public const string Region = "us-east-1";
    public const string ImageId = "ami-0abcdef1234567890";
    public const string VpcId = "vpc-0a1b2c3d4e5f60718";
    public const string SubnetId = "subnet-0a1b2c3d4e5f60718";
    public const string WriterToken = "hvs.attack-suite-writer-token-4b1d";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/attackSuiteSECRETkey";
    public const string VictimNonce = "victim-nonce-9f27c1d3e5a7";

    private AttackPeers(TestIdentityCa ca, TestIdentityCa untrusted, FakeAwsServer aws, FakeVaultServer vault)
    {
        Ca = ca;
        Untrusted = untrusted;
        Aws = aws;
        Vault = vault;
    }

    public TestIdentityCa Ca { get; }

    /// <summary>A CA that signs perfectly formed documents but is registered nowhere.</summary>
    public TestIdentityCa Untrusted { get; }

    public FakeAwsServer Aws { get; }

    public FakeVaultServer Vault { get; }

    /// <summary>When the instances were launched; documents must be newer (InstanceAgreement) and not in the future.</summary>
    public DateTimeOffset Launched { get; } = DateTimeOffset.UtcNow.AddHours(-1);

    public static string RoleArn(string role, string account = AccountId) => $"arn:aws:iam::{account}:role/{role}";

    /// <summary>Instance ids the suite uses, one per attack: <c>i-0a7700000000000NN</c>.</summary>
    public static string InstanceId(int number) => $"i-0a77000000000{number:x4}";

    public static string Hash(string instanceId, string account = AccountId, string region = Region) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{account}:{region}:{instanceId}")))[..32];

    public static async Task<AttackPeers> StartAsync()
    {
        var ca = TestIdentityCa.Create();
        var untrusted = TestIdentityCa.Create(organizationalUnit: "Untrusted CA");
        var aws = new FakeAwsServer();
        await aws.StartAsync();
        var vault = new FakeVaultServer(WriterToken);
        await vault.StartAsync();
        return new AttackPeers(ca, untrusted, aws, vault);
    }

    /// <summary>An instance whose instance profile carries IAM role <paramref name="iamRole"/>.</summary>
    public void AddInstance(string instanceId, string iamRole, string state = "running", string account = AccountId, string region = Region,
        string imageId = ImageId, string vpcId = VpcId, string subnetId = SubnetId, IReadOnlyDictionary<string, string>? tags = null,
        string roleAccount = AccountId)
    {
        Aws.AddInstanceProfile(iamRole + "-profile-" + roleAccount, RoleArn(iamRole, roleAccount));
        Aws.AddInstance(new FakeInstance(instanceId, account, imageId, region + "a", Launched, state,
            IamInstanceProfileArn: $"arn:aws:iam::{account}:instance-profile/{iamRole}-profile-{roleAccount}",
            PrivateDnsName: $"ip-10-0-7-{instanceId[^2..]}.ec2.internal", PrivateIpAddress: "10.0.7.1",
            VpcId: vpcId, SubnetId: subnetId, Tags: tags ?? new Dictionary<string, string>()));
    }

    /// <summary>A DSA <c>/pkcs7</c> document, <paramref name="minutesAfterLaunch"/> after the launch.</summary>
    public string Pkcs7For(string instanceId, double minutesAfterLaunch = 5, string account = AccountId, string region = Region,
        string imageId = ImageId, TestIdentityCa? signer = null, Pkcs7Options? options = null) =>
        (signer ?? Ca).SignPkcs7Dsa(
            TestIdentityCa.BuildDocument(instanceId, account, region, imageId, pendingTime: Launched.AddMinutes(minutesAfterLaunch)),
            options);

    /// <summary>Peers that are never started: enough to build the scenario and list its case names.</summary>
    public static AttackPeers Unstarted() =>
        new(TestIdentityCa.Create(), TestIdentityCa.Create(organizationalUnit: "Untrusted CA"), new FakeAwsServer(), new FakeVaultServer(WriterToken));

    public async ValueTask DisposeAsync()
    {
        await Aws.DisposeAsync();
        await Vault.DisposeAsync();
        Ca.Dispose();
        Untrusted.Dispose();
    }
}
