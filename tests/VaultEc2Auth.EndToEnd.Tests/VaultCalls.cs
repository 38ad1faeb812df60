using System.Text;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>Vault HTTP calls as the end-to-end tests make them: JSON bodies, and "must succeed" with the answer in the message.</summary>
internal static class VaultCalls
{
    public static Task<HttpResponseMessage> Post(HttpClient client, string path, JsonObject body) =>
        client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static async Task<JsonObject> Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? [];
    }

    /// <summary>The status and the body's parsed JSON (empty when there is none).</summary>
    public static async Task<(int Status, JsonObject Body)> Answer(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? []);
    }

    /// <summary>Everything the plugin needs for the worker role of README's worked example, written through <paramref name="root"/>.</summary>
    public static async Task ConfigureWorkerRoleAsync(HttpClient root, LoginFlowPeers peers, string writerAddress, string writerToken)
    {
        await Ok(Post(root, "auth/ec2/config/client", new JsonObject
        {
            ["access_key"] = "AKIAIOSFODNN7EXAMPLE",
            ["secret_key"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ["ec2_endpoint"] = peers.Aws.BaseAddress.ToString(),
            ["iam_endpoint"] = peers.Aws.BaseAddress.ToString(),
        }));
        await Ok(Post(root, "auth/ec2/config/vault", new JsonObject { ["address"] = writerAddress, ["token"] = writerToken }));
        await Ok(Post(root, "auth/ec2/config/certificate/test-ca", new JsonObject { ["aws_public_cert"] = peers.Ca.DsaCertificatePem }));
        await Ok(Post(root, "auth/ec2/roles/worker", new JsonObject
        {
            ["iam_role_arn"] = LoginFlowPeers.RoleArn,
            ["base_path"] = "pki/roles",
            ["token_ttl"] = "1h",
        }));
        await Ok(Post(root, "auth/ec2/templates/worker/pki-role", new JsonObject
        {
            ["type"] = "generic",
            ["path"] = "ec2-{{ InstanceHash }}",
            ["template"] = """{"allowed_domains": ["{{ FQDN }}"], "allow_bare_domains": true, "allow_subdomains": false, "max_ttl": "72h"}""",
        }));
        await Ok(Post(root, "auth/ec2/templates/worker/issue", new JsonObject
        {
            ["type"] = "policy",
            ["path"] = "{{ InstanceHash }}",
            ["template"] = """path "pki/issue/ec2-{{ InstanceHash }}" { capabilities = ["update"] }""",
        }));
    }

    public static async Task MountPkiAsync(HttpClient root)
    {
        await Ok(Post(root, "sys/mounts/pki", new JsonObject { ["type"] = "pki" }));
        await Ok(Post(root, "pki/root/generate/internal", new JsonObject { ["common_name"] = "ec2.internal", ["ttl"] = "8760h" }));
    }

    public static JsonObject LoginBody(LoginFlowPeers peers, string instanceId, string nonce) =>
        new() { ["pkcs7"] = peers.Pkcs7For(instanceId), ["nonce"] = nonce };
}
