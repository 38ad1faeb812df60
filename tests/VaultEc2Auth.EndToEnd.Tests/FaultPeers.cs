using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport.Aws;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// <see cref="LoginFlowPeers"/> set up for fault runs: the plugin configured against them (role <c>worker</c> with the
/// PKI role and issue policy templates), fresh instances on demand (each with its own instance profile, so IAM is
/// asked for every one of them), and the checks on what the fake Vault holds for an instance.
/// </summary>
internal static class FaultPeers
{
    public const string Nonce = "fault-nonce";

    private static int s_launched;

    public static IEnumerable<JsonObject> SetUpSteps(LoginFlowPeers peers) =>
    [
        Step("update", "config/client", new JsonObject
        {
            ["access_key"] = "AKIAIOSFODNN7EXAMPLE", ["secret_key"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ["region"] = LoginFlowPeers.Region,
            ["ec2_endpoint"] = peers.Aws.BaseAddress.ToString(), ["iam_endpoint"] = peers.Aws.BaseAddress.ToString(), ["max_retries"] = 1,
        }),
        Step("update", "config/vault", new JsonObject { ["address"] = peers.Vault.BaseAddress.ToString(), ["token"] = LoginFlowPeers.WriterToken }),
        Step("update", "config/certificate/test-ca", new JsonObject { ["aws_public_cert"] = peers.Ca.DsaCertificatePem, ["type"] = "pkcs7" }),
        Step("update", "roles/worker", new JsonObject
        {
            ["iam_role_arn"] = LoginFlowPeers.RoleArn, ["base_path"] = "pki/roles", ["token_policies"] = "worker-common",
            ["token_ttl"] = "1h", ["token_max_ttl"] = "24h",
        }),
        Step("update", "templates/worker/pki-role", new JsonObject
        {
            ["type"] = "generic", ["path"] = "ec2-{{ InstanceHash }}",
            ["template"] = """{"allowed_domains": ["{{ FQDN }}"], "allow_bare_domains": true, "allow_subdomains": false, "max_ttl": "72h"}""",
        }),
        Step("update", "templates/worker/issue", new JsonObject
        {
            ["type"] = "policy", ["path"] = "{{ InstanceHash }}", ["template"] = """path "pki/issue/ec2-{{ InstanceHash }}" { capabilities = ["update"] }""",
        }),
    ];

    public static JsonObject Step(string op, string path, JsonObject? data = null)
    {
        var step = new JsonObject { ["op"] = op, ["path"] = path };
        if (data is not null)
        {
            step["data"] = data;
        }

        return step;
    }

    public static JsonObject Login(LoginFlowPeers peers, string instanceId) =>
        Step("update", "login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(instanceId), ["nonce"] = Nonce });

    /// <summary>A new running instance with its own instance profile (carrying the worker role).</summary>
    public static string Launch(LoginFlowPeers peers)
    {
        var n = Interlocked.Increment(ref s_launched);
        var id = $"i-0fa{Environment.ProcessId % 0xFFFF:x4}{n:x10}";
        var profile = $"worker-{n}";
        peers.Aws.AddInstanceProfile(profile, LoginFlowPeers.RoleArn);
        peers.Aws.AddInstance(new FakeInstance(id, LoginFlowPeers.AccountId, "ami-0abcdef1234567890", LoginFlowPeers.Region + "a",
            DateTimeOffset.UtcNow.AddHours(-1), "running",
            IamInstanceProfileArn: $"arn:aws:iam::{LoginFlowPeers.AccountId}:instance-profile/{profile}",
            PrivateDnsName: LoginFlowPeers.Fqdn(id), PrivateIpAddress: $"10.0.1.{n % 250}"));
        return id;
    }

    public static string PolicyName(string instanceId) => "ec2-instance-" + LoginFlowPeers.Hash(instanceId);

    public static string PkiRolePath(string instanceId) => "pki/roles/ec2-" + LoginFlowPeers.Hash(instanceId);

    /// <summary>How much of the instance's set the fake Vault holds: 0 (none), 1 (a partial set) or 2 (all).</summary>
    public static int HeldItems(LoginFlowPeers peers, string instanceId) =>
        (peers.Vault.GetPolicy(PolicyName(instanceId)) is null ? 0 : 1) + (peers.Vault.GetObject(PkiRolePath(instanceId)) is null ? 0 : 1);

    /// <summary>Stops every armed fault on both fakes.</summary>
    public static void Disarm(LoginFlowPeers peers)
    {
        peers.Aws.ThrottleNext(0);
        peers.Aws.FailNext(0);
        peers.Aws.MalformNext(0);
        peers.Aws.StallNext(0, TimeSpan.Zero);
        peers.Vault.ClearFaults();
    }
}
