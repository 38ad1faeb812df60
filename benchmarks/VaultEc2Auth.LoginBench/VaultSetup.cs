using System.Text;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.LoginBench;

/// <summary>
/// Mounts both sides in one Vault against the same fake AWS: Vault's built-in <c>aws</c> method at auth/aws
/// (auth_type=ec2, role <c>bench</c>), and the plugin at auth/ec2 (role <c>worker</c>, a policy and a PKI-role
/// template, a least-privilege writer token), both trusting the test CA's DSA certificate.
/// </summary>
internal static class VaultSetup
{
    public const string BuiltInMount = "aws";
    public const string PluginMount = "ec2";
    public const string PluginName = "vault-plugin-auth-ec2-instance";
    public const string AccountId = "123456789012";
    public const string ImageId = "ami-0abcdef1234567890";
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public static async Task BuiltInAsync(HttpClient root, Uri aws, string caPem)
    {
        await Write(root, $"sys/auth/{BuiltInMount}", new JsonObject { ["type"] = "aws" }).ConfigureAwait(false);
        // No trailing slash: Go's SDK appends the operation's path "/" and would ask for "//".
        var endpoint = aws.GetLeftPart(UriPartial.Authority);
        await Write(root, $"auth/{BuiltInMount}/config/client", new JsonObject
        {
            ["access_key"] = AccessKey,
            ["secret_key"] = SecretKey,
            ["endpoint"] = endpoint,
            ["iam_endpoint"] = endpoint,
            ["sts_endpoint"] = endpoint,
        }).ConfigureAwait(false);
        await Write(root, $"auth/{BuiltInMount}/config/certificate/test-ca", new JsonObject { ["aws_public_cert"] = caPem, ["type"] = "pkcs7" }).ConfigureAwait(false);
        await Write(root, $"auth/{BuiltInMount}/role/bench", new JsonObject
        {
            ["auth_type"] = "ec2",
            ["bound_ami_id"] = ImageId,
            ["bound_account_id"] = AccountId,
            ["ttl"] = "1h",
            ["max_ttl"] = "24h",
        }).ConfigureAwait(false);
    }

    /// <returns>The writer's token (for measuring what its requests cost Vault).</returns>
    public static async Task<string> PluginAsync(HttpClient root, Uri vault, Uri aws, string caPem)
    {
        await Write(root, $"sys/auth/{PluginMount}", new JsonObject { ["type"] = "plugin", ["plugin_name"] = PluginName }).ConfigureAwait(false);
        await Write(root, "sys/mounts/pki", new JsonObject { ["type"] = "pki" }).ConfigureAwait(false);
        await Write(root, "sys/policy/ec2-plugin-writer", new JsonObject
        {
            ["policy"] = """
                path "sys/policies/acl/ec2-instance-*" { capabilities = ["create", "update", "read", "delete"] }
                path "sys/policy/ec2-instance-*"       { capabilities = ["create", "update", "read", "delete"] }
                path "pki/roles/ec2-*"                 { capabilities = ["create", "update", "read", "delete"] }
                path "auth/token/lookup-self"          { capabilities = ["read"] }
                path "auth/token/renew-self"           { capabilities = ["update"] }
                """,
        }).ConfigureAwait(false);
        var writer = await Write(root, "auth/token/create", new JsonObject { ["policies"] = new JsonArray("ec2-plugin-writer"), ["period"] = "1h" }).ConfigureAwait(false);
        await Write(root, $"auth/{PluginMount}/config/client", new JsonObject
        {
            ["access_key"] = AccessKey,
            ["secret_key"] = SecretKey,
            ["ec2_endpoint"] = aws.ToString(),
            ["iam_endpoint"] = aws.ToString(),
        }).ConfigureAwait(false);
        var writerToken = writer!["auth"]!["client_token"]!.GetValue<string>();
        await Write(root, $"auth/{PluginMount}/config/vault", new JsonObject { ["address"] = vault.ToString(), ["token"] = writerToken }).ConfigureAwait(false);
        await Write(root, $"auth/{PluginMount}/config/certificate/test-ca", new JsonObject { ["aws_public_cert"] = caPem, ["type"] = "pkcs7" }).ConfigureAwait(false);
        await Write(root, $"auth/{PluginMount}/roles/worker", new JsonObject
        {
            ["iam_role_arn"] = $"arn:aws:iam::{AccountId}:role/worker",
            ["base_path"] = "pki/roles",
            ["token_ttl"] = "1h",
            ["token_max_ttl"] = "24h",
        }).ConfigureAwait(false);
        await Write(root, $"auth/{PluginMount}/templates/worker/pki-role", new JsonObject
        {
            ["type"] = "generic",
            ["path"] = "ec2-{{ InstanceHash }}",
            ["template"] = """{"allowed_domains": ["{{ FQDN }}"], "allow_bare_domains": true, "allow_subdomains": false, "max_ttl": "72h"}""",
        }).ConfigureAwait(false);
        await Write(root, $"auth/{PluginMount}/templates/worker/issue", new JsonObject
        {
            ["type"] = "policy",
            ["path"] = "{{ InstanceHash }}",
            ["template"] = """path "pki/issue/ec2-{{ InstanceHash }}" { capabilities = ["update"] }""",
        }).ConfigureAwait(false);
        return writerToken;
    }

    /// <summary>The templates' <c>InstanceHash</c> of a fleet instance (README, Templates).</summary>
    public static string InstanceHash(string instanceId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{AccountId}:us-east-1:{instanceId}")))[..32];

    /// <summary>The JSON body of one login, built once per instance and side.</summary>
    public static byte[] LoginBody(string role, FleetInstance instance) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["role"] = role, ["pkcs7"] = instance.Pkcs7, ["nonce"] = "nonce-" + instance.InstanceId }.ToJsonString());

    private static async Task<JsonNode?> Write(HttpClient root, string path, JsonObject body)
    {
        using var reply = await root.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")).ConfigureAwait(false);
        var text = await reply.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!reply.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)reply.StatusCode} {text}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
