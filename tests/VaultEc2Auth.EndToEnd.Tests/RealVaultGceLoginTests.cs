using System.Net;
using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;
using static VaultEc2Auth.EndToEnd.Tests.VaultCalls;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// The GCE provider inside a real Vault (0.10.1): the published binary mounted with <c>cloud_provider=gce</c> against
/// a fake Google, writes its policy and PKI role into that same Vault, and the token a GCE instance gets can issue a
/// certificate for its own hostname only.
/// </summary>
public sealed class RealVaultGceLoginTests
{
    [Fact]
    public async Task A_gce_instance_token_issues_a_certificate_for_its_own_hostname_and_no_other()
    {
        await using var peers = await GceLoginPeers.StartAsync();
        var pluginDirectory = Directory.CreateTempSubdirectory("vault-plugins-").FullName;
        File.Copy(Artifacts.PluginBinary, Path.Combine(pluginDirectory, "vault-plugin-auth-ec2-instance"));
        await using var vault = await VaultDevServer.StartAsync(Artifacts.RealVault, pluginDirectory, TestContext.Current.CancellationToken);
        using var root = vault.CreateRootClient();

        await Ok(Post(root, "sys/auth/gce", new JsonObject { ["type"] = "plugin", ["plugin_name"] = "vault-plugin-auth-ec2-instance" }));
        await MountPkiAsync(root);
        await Ok(Post(root, "auth/gce/config/client", peers.ClientConfig()));
        await Ok(Post(root, "auth/gce/config/vault", new JsonObject { ["address"] = vault.BaseAddress.ToString(), ["token"] = vault.RootToken }));
        await Ok(Post(root, "auth/gce/roles/web", new JsonObject
        {
            ["bound_service_accounts"] = GceLoginPeers.ServiceAccount,
            ["base_path"] = "pki/roles",
            ["token_ttl"] = "1h",
        }));
        await Ok(Post(root, "auth/gce/templates/web/pki-role", new JsonObject
        {
            ["type"] = "generic",
            ["path"] = "gce-{{ InstanceHash }}",
            ["template"] = """{"allowed_domains": ["{{ FQDN }}"], "allow_bare_domains": true, "allow_subdomains": false, "max_ttl": "72h"}""",
        }));
        await Ok(Post(root, "auth/gce/templates/web/issue", new JsonObject
        {
            ["type"] = "policy",
            ["path"] = "{{ InstanceHash }}",
            ["template"] = """path "pki/issue/gce-{{ InstanceHash }}" { capabilities = ["update"] }""",
        }));

        using var anonymous = new HttpClient { BaseAddress = root.BaseAddress };
        var login = await Ok(Post(anonymous, "auth/gce/login", new JsonObject { ["jwt"] = peers.TokenFor(peers.Running, TimeSpan.FromMinutes(1)) }));
        var ownHash = GceLoginPeers.Hash(peers.Running);
        Assert.Contains("ec2-instance-" + ownHash, login["auth"]!["policies"]!.AsArray().Select(policy => policy!.GetValue<string>()));
        Assert.Equal(GceLoginPeers.Project, login["auth"]!["metadata"]!["project_id"]!.GetValue<string>());

        using var instance = new HttpClient { BaseAddress = root.BaseAddress };
        instance.DefaultRequestHeaders.Add("X-Vault-Token", login["auth"]!["client_token"]!.GetValue<string>());
        var ownRole = $"pki/issue/gce-{ownHash}";
        var issued = await Ok(Post(instance, ownRole, new JsonObject { ["common_name"] = GceLoginPeers.Fqdn(peers.Running) }));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", issued["data"]!["certificate"]!.GetValue<string>());

        var otherName = await Post(instance, ownRole, new JsonObject { ["common_name"] = GceLoginPeers.Fqdn(peers.Doomed) });
        Assert.Equal(HttpStatusCode.BadRequest, otherName.StatusCode);
        var otherRole = await Post(instance, $"pki/issue/gce-{GceLoginPeers.Hash(peers.Doomed)}", new JsonObject { ["common_name"] = GceLoginPeers.Fqdn(peers.Doomed) });
        Assert.Equal(HttpStatusCode.Forbidden, otherRole.StatusCode);

        var ec2Proof = await Post(anonymous, "auth/gce/login", new JsonObject { ["pkcs7"] = "MIAGCSqGSIb3DQEHAqCAMIACAQEx" });
        Assert.Equal(HttpStatusCode.BadRequest, ec2Proof.StatusCode);
        Directory.Delete(pluginDirectory, recursive: true);
    }
}
