using System.Net;
using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;
using static VaultEc2Auth.EndToEnd.Tests.VaultCalls;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// The whole product inside a real Vault (0.10.1: protocol 3, metadata mode, then unwrap-token TLS): the published
/// binary is registered and enabled, writes its policy and PKI role into that same Vault, and the token a worker
/// gets can issue a certificate for its own name only.
/// </summary>
public sealed class RealVaultLoginTests
{
    [Fact]
    public async Task A_worker_token_issues_a_certificate_for_its_own_fqdn_and_no_other()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        var pluginDirectory = Directory.CreateTempSubdirectory("vault-plugins-").FullName;
        File.Copy(Artifacts.PluginBinary, Path.Combine(pluginDirectory, "vault-plugin-auth-ec2-instance"));
        await using var vault = await VaultDevServer.StartAsync(Artifacts.RealVault, pluginDirectory, TestContext.Current.CancellationToken);
        using var root = vault.CreateRootClient();

        await MountAsync(root, vault, peers);

        using var anonymous = new HttpClient { BaseAddress = root.BaseAddress };
        var login = await Ok(Post(anonymous, "auth/ec2/login",
            new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.RunningId), ["nonce"] = "nonce-1" }));
        var workerToken = login["auth"]!["client_token"]!.GetValue<string>();
        Assert.Contains("ec2-instance-" + LoginFlowPeers.Hash(LoginFlowPeers.RunningId),
            login["auth"]!["policies"]!.AsArray().Select(policy => policy!.GetValue<string>()));

        using var worker = new HttpClient { BaseAddress = root.BaseAddress };
        worker.DefaultRequestHeaders.Add("X-Vault-Token", workerToken);
        var ownRole = $"pki/issue/ec2-{LoginFlowPeers.Hash(LoginFlowPeers.RunningId)}";
        var issued = await Ok(Post(worker, ownRole, new JsonObject { ["common_name"] = LoginFlowPeers.Fqdn(LoginFlowPeers.RunningId) }));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", issued["data"]!["certificate"]!.GetValue<string>());

        var otherName = await Post(worker, ownRole, new JsonObject { ["common_name"] = LoginFlowPeers.Fqdn(LoginFlowPeers.DoomedId) });
        Assert.Equal(HttpStatusCode.BadRequest, otherName.StatusCode);
        var otherRole = await Post(worker, $"pki/issue/ec2-{LoginFlowPeers.Hash(LoginFlowPeers.DoomedId)}",
            new JsonObject { ["common_name"] = LoginFlowPeers.Fqdn(LoginFlowPeers.DoomedId) });
        Assert.Equal(HttpStatusCode.Forbidden, otherRole.StatusCode);

        await Ok(Post(worker, "auth/token/renew-self", new JsonObject()));
        peers.Aws.SetState(LoginFlowPeers.RunningId, "terminated");
        var renewAfterTermination = await Post(worker, "auth/token/renew-self", new JsonObject());
        Assert.False(renewAfterTermination.IsSuccessStatusCode, await renewAfterTermination.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Directory.Delete(pluginDirectory, recursive: true);
    }

    [Fact]
    public async Task After_tidy_a_terminated_instances_policy_and_pki_role_are_gone_and_its_old_token_can_no_longer_issue_certificates()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        var pluginDirectory = Directory.CreateTempSubdirectory("vault-plugins-").FullName;
        File.Copy(Artifacts.PluginBinary, Path.Combine(pluginDirectory, "vault-plugin-auth-ec2-instance"));
        await using var vault = await VaultDevServer.StartAsync(Artifacts.RealVault, pluginDirectory, TestContext.Current.CancellationToken);
        using var root = vault.CreateRootClient();
        await MountAsync(root, vault, peers);
        using var anonymous = new HttpClient { BaseAddress = root.BaseAddress };
        var login = await Ok(Post(anonymous, "auth/ec2/login",
            new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.DoomedId), ["nonce"] = "nonce-1" }));
        using var worker = new HttpClient { BaseAddress = root.BaseAddress };
        worker.DefaultRequestHeaders.Add("X-Vault-Token", login["auth"]!["client_token"]!.GetValue<string>());
        var hash = LoginFlowPeers.Hash(LoginFlowPeers.DoomedId);
        var issue = new JsonObject { ["common_name"] = LoginFlowPeers.Fqdn(LoginFlowPeers.DoomedId) };
        await Ok(Post(worker, $"pki/issue/ec2-{hash}", issue));

        peers.Aws.SetState(LoginFlowPeers.DoomedId, "terminated");
        var tidy = await Ok(Post(root, "auth/ec2/tidy/instances", new JsonObject()));

        Assert.Equal(1, tidy["data"]!["removed"]!.GetValue<int>());
        using var policy = await root.GetAsync($"sys/policy/ec2-instance-{hash}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, policy.StatusCode);
        using var pkiRole = await root.GetAsync($"pki/roles/ec2-{hash}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, pkiRole.StatusCode);
        using var refused = await Post(worker, $"pki/issue/ec2-{hash}", issue);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Directory.Delete(pluginDirectory, recursive: true);
    }

    /// <summary>Mounts the plugin at auth/ec2 with the fake AWS, a PKI mount, role worker and its two PKI templates.</summary>
    private static async Task MountAsync(HttpClient root, VaultDevServer vault, LoginFlowPeers peers)
    {
        await Ok(Post(root, "sys/auth/ec2", new JsonObject { ["type"] = "plugin", ["plugin_name"] = "vault-plugin-auth-ec2-instance" }));
        await MountPkiAsync(root);
        await ConfigureWorkerRoleAsync(root, peers, vault.BaseAddress.ToString(), vault.RootToken);
    }
}
