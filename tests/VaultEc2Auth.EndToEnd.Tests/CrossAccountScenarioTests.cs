using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport.Aws;
using VaultEc2Auth.TestSupport.Cms;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// Instances of two AWS accounts log in to one mount, through HashiCorp's go-plugin client and the published
/// binary: the home account's instance is described with config/client's keys, the other account's with the
/// credentials of the role config/sts names (AssumeRole, then DescribeInstances and GetInstanceProfile signed with
/// the session). A third account whose role does not trust Vault gets a 502 naming STS and nothing is written.
/// </summary>
public sealed class CrossAccountScenarioTests
{
    private const string HomeAccount = LoginFlowPeers.AccountId;
    private const string OtherAccount = "210987654321";
    private const string UntrustingAccount = "345678901234";
    private const string HomeInstance = "i-0a1b2c3d4e5f6a001";
    private const string OtherInstance = "i-0b1b2c3d4e5f6b001";
    private const string UntrustingInstance = "i-0c1b2c3d4e5f6c001";
    private const string OtherRoleArn = "arn:aws:iam::210987654321:role/worker";
    private const string DescriberRole = "arn:aws:iam::210987654321:role/vault-describer";
    private const string ExternalId = "vault-ext-7f3a";
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";

    [Fact]
    public async Task Instances_of_two_accounts_log_in_each_described_with_its_accounts_credentials()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        AddOtherAccounts(peers.Aws);

        var run = await VaultHostRun.RunAsync(Scenario(peers), "--protocols 5");

        var failed = run.Steps.Where(step => step["ok"]?.GetValue<bool>() != true).Select(step => step.ToJsonString()).ToList();
        Assert.True(run.ExitCode == 0 && failed.Count == 0, $"vault-host exit {run.ExitCode}\n{string.Join('\n', failed)}\n{run.Stderr[^Math.Min(run.Stderr.Length, 3000)..]}");

        var requests = peers.Aws.Requests.ToList();
        var sessionKey = Assert.Single(peers.Aws.IssuedSessionKeys);
        Assert.All(requests.Where(r => r.Target is HomeInstance or "worker"), r => Assert.Equal((AccessKey, (string?)null), (r.AccessKeyId, r.SecurityToken)));
        var otherCalls = requests.Where(r => r.Target is OtherInstance or "worker-b").ToList();
        // Two logins: two DescribeInstances, one GetInstanceProfile (IAM answers are cached), one AssumeRole.
        Assert.Equal(["DescribeInstances", "GetInstanceProfile", "DescribeInstances"], otherCalls.Select(r => r.Action));
        Assert.Single(requests, r => r.Action == "AssumeRole" && r.Target == DescriberRole);
        Assert.All(otherCalls, r => Assert.Equal((sessionKey, "session-token-for-" + sessionKey), (r.AccessKeyId, r.SecurityToken)));
        Assert.All(requests.Where(r => r.Action == "AssumeRole"), r => Assert.Equal((AccessKey, (string?)null), (r.AccessKeyId, r.SecurityToken)));
        Assert.DoesNotContain(requests, r => r.Target == UntrustingInstance);

        Assert.Equal(["ec2-instance-" + Hash(HomeAccount, HomeInstance), "worker-common"], Policies(run, "home account login"));
        Assert.Equal(["ec2-instance-" + Hash(OtherAccount, OtherInstance), "worker-common"], Policies(run, "other account login"));
        Assert.NotNull(peers.Vault.GetObject($"pki/roles/ec2-{Hash(OtherAccount, OtherInstance)}"));
        Assert.DoesNotContain(peers.Vault.Writes, request => request.Path.Contains(Hash(UntrustingAccount, UntrustingInstance), StringComparison.Ordinal));
    }

    private static void AddOtherAccounts(FakeAwsServer aws)
    {
        aws.AddAssumableRole(DescriberRole, ExternalId);
        var launched = DateTimeOffset.UtcNow.AddHours(-1);
        aws.AddInstance(new FakeInstance(HomeInstance, HomeAccount, "ami-0abcdef1234567890", LoginFlowPeers.Region + "a", launched,
            IamInstanceProfileArn: $"arn:aws:iam::{HomeAccount}:instance-profile/worker", PrivateDnsName: "ip-10-0-1-21.ec2.internal", PrivateIpAddress: "10.0.1.21"));
        aws.AddInstance(new FakeInstance(OtherInstance, OtherAccount, "ami-0abcdef1234567890", LoginFlowPeers.Region + "b", launched,
            IamInstanceProfileArn: $"arn:aws:iam::{OtherAccount}:instance-profile/worker-b", PrivateDnsName: "ip-10-1-1-21.ec2.internal", PrivateIpAddress: "10.1.1.21"));
        aws.AddInstanceProfile("worker-b", OtherRoleArn);
        aws.AddInstance(new FakeInstance(UntrustingInstance, UntrustingAccount, "ami-0abcdef1234567890", LoginFlowPeers.Region + "c", launched));
    }

    private static string Scenario(LoginFlowPeers peers)
    {
        var aws = peers.Aws.BaseAddress.ToString();
        var pkiTemplate = """{"allowed_domains": ["{{ FQDN }}"], "allow_bare_domains": true, "allow_subdomains": false, "max_ttl": "72h"}""";
        var policyTemplate = """path "pki/issue/ec2-{{ InstanceHash }}" { capabilities = ["update"] }""";
        JsonObject Step(string label, string op, string path, JsonObject? data, JsonObject expect)
        {
            var step = new JsonObject { ["label"] = label, ["op"] = op, ["path"] = path, ["expect"] = expect };
            if (data is not null)
            {
                step["data"] = data;
            }
            return step;
        }
        JsonObject Status(int status) => new() { ["status"] = status };

        var steps = new List<JsonObject>
        {
            Step("configure cloud client with the specification's names", "update", "config/client", new JsonObject
            {
                ["aws_access_id"] = AccessKey, ["aws_secret_id"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ["aws_region"] = LoginFlowPeers.Region,
                ["ec2_endpoint"] = aws, ["iam_endpoint"] = aws, ["sts_endpoint"] = aws, ["max_retries"] = 1,
            }, Status(204)),
            Step("read shows canonical names", "read", "config/client", null,
                new JsonObject { ["status"] = 200, ["data"] = new JsonObject { ["access_key"] = AccessKey, ["region"] = LoginFlowPeers.Region } }),
            Step("configure vault writer", "update", "config/vault", new JsonObject
            {
                ["address"] = peers.Vault.BaseAddress.ToString(), ["token"] = LoginFlowPeers.WriterToken,
            }, Status(200)),
            Step("register the test CA", "update", "config/certificate/test-ca", new JsonObject
            {
                ["aws_public_cert"] = peers.Ca.DsaCertificatePem, ["type"] = "pkcs7",
            }, Status(204)),
            Step("role for the other account", "update", $"config/sts/{OtherAccount}", new JsonObject
            {
                ["sts_role"] = DescriberRole, ["external_id"] = ExternalId,
            }, Status(204)),
            Step("role that does not trust vault", "update", $"config/sts/{UntrustingAccount}", new JsonObject
            {
                ["sts_role"] = $"arn:aws:iam::{UntrustingAccount}:role/vault-describer",
            }, Status(204)),
            Step("list sts roles", "list", "config/sts/", null,
                new JsonObject { ["status"] = 200, ["data"] = new JsonObject { ["keys"] = new JsonArray(OtherAccount, UntrustingAccount) } }),
        };
        foreach (var (role, arn) in new[] { ("worker", LoginFlowPeers.RoleArn), ("worker-b", OtherRoleArn) })
        {
            steps.Add(Step($"create role {role}", "update", $"roles/{role}", new JsonObject
            {
                ["iam_role_arn"] = arn,
                ["base_path"] = "pki",
                ["token_policies"] = "worker-common",
                ["token_ttl"] = "1h",
            }, Status(204)));
            steps.Add(Step($"PKI role template of {role}, path relative to base_path", "update", $"templates/{role}/pki-role", new JsonObject
            {
                ["type"] = "generic",
                ["path"] = "/roles/ec2-{{ InstanceHash }}",
                ["template"] = pkiTemplate,
            }, Status(204)));
            steps.Add(Step($"issue policy template of {role}", "update", $"templates/{role}/issue", new JsonObject
            {
                ["type"] = "policy",
                ["path"] = "{{ InstanceHash }}",
                ["template"] = policyTemplate,
            }, Status(204)));
        }
        steps.Add(Step("home account login", "update", "login", new JsonObject { ["pkcs7"] = Pkcs7(peers, HomeAccount, HomeInstance, "a"), ["nonce"] = "nonce-home" },
            new JsonObject { ["status"] = 200, ["auth"] = new JsonObject { ["alias"] = new JsonObject { ["name"] = HomeInstance } } }));
        steps.Add(Step("other account login", "update", "login", new JsonObject { ["pkcs7"] = Pkcs7(peers, OtherAccount, OtherInstance, "b"), ["nonce"] = "nonce-other" },
            new JsonObject { ["status"] = 200, ["auth"] = new JsonObject { ["alias"] = new JsonObject { ["name"] = OtherInstance } } }));
        steps.Add(Step("other account login again (session reused)", "update", "login", new JsonObject { ["pkcs7"] = Pkcs7(peers, OtherAccount, OtherInstance, "b"), ["nonce"] = "nonce-other" },
            Status(200)));
        steps.Add(Step("untrusting account login", "update", "login", new JsonObject { ["pkcs7"] = Pkcs7(peers, UntrustingAccount, UntrustingInstance, "c"), ["nonce"] = "nonce-c" },
            new JsonObject { ["status"] = 502, ["error_contains"] = $"STS AssumeRole for account {UntrustingAccount} failed: AccessDenied (AWS request id fake-" }));
        return string.Join('\n', steps.Select(step => step.ToJsonString())) + "\n";
    }

    private static List<string> Policies(VaultHostRun run, string label) =>
        [.. run.Step(label)["auth"]!["policies"]!.AsArray().Select(node => node!.GetValue<string>())];

    /// <param name="zone">The instance's zone letter, as the fake EC2 places it: the document names the same zone.</param>
    private static string Pkcs7(LoginFlowPeers peers, string account, string instanceId, string zone) =>
        peers.Ca.SignPkcs7Dsa(TestIdentityCa.BuildDocument(instanceId, account, LoginFlowPeers.Region, "ami-0abcdef1234567890",
            pendingTime: DateTimeOffset.UtcNow.AddMinutes(-59), availabilityZone: LoginFlowPeers.Region + zone));

    /// <summary>Same definition as the plugin's InstanceHash (README, "Templates").</summary>
    private static string Hash(string account, string instanceId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{account}:{LoginFlowPeers.Region}:{instanceId}")))[..32];
}
