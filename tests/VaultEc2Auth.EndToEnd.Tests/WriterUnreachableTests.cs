using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.TestSupport.Net;
using static VaultEc2Auth.EndToEnd.Tests.VaultCalls;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// Inside a real Vault 0.10.1, with every address in <c>config/vault</c> down: a login is a 5xx naming Vault (never
/// a 400, which clients do not retry), issues no token and stores nothing, so once an operator fixes the address
/// the same instance logs in again with its nonce.
/// </summary>
public sealed class WriterUnreachableTests(ITestOutputHelper output)
{
    [Fact]
    public async Task First_login_is_a_5xx_naming_vault_while_every_writer_address_is_down_and_succeeds_with_the_same_nonce_once_fixed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var peers = await LoginFlowPeers.StartAsync();
        var pluginDirectory = Directory.CreateTempSubdirectory("vault-plugins-").FullName;
        File.Copy(Artifacts.PluginBinary, Path.Combine(pluginDirectory, "vault-plugin-auth-ec2-instance"));
        await using var vault = await VaultDevServer.StartAsync(Artifacts.RealVault, pluginDirectory, ct);
        using var root = vault.CreateRootClient();
        await using var first = new LoopbackTcpRelay(vault.BaseAddress);
        await using var second = new LoopbackTcpRelay(vault.BaseAddress);
        await Ok(Post(root, "sys/auth/ec2", new JsonObject { ["type"] = "plugin", ["plugin_name"] = "vault-plugin-auth-ec2-instance" }));
        await MountPkiAsync(root);
        await ConfigureWorkerRoleAsync(root, peers, $"{first.Address},{second.Address}", vault.RootToken);
        using var anonymous = new HttpClient { BaseAddress = root.BaseAddress };
        var issued = await Ok(Post(anonymous, "auth/ec2/login", LoginBody(peers, LoginFlowPeers.RunningId, "nonce-running")));
        using var worker = new HttpClient { BaseAddress = root.BaseAddress };
        worker.DefaultRequestHeaders.Add("X-Vault-Token", issued["auth"]!["client_token"]!.GetValue<string>());

        first.Stop();
        second.Stop();
        var known = await Answer(Post(anonymous, "auth/ec2/login", LoginBody(peers, LoginFlowPeers.RunningId, "nonce-running")));
        var newcomer = await Answer(Post(anonymous, "auth/ec2/login", LoginBody(peers, LoginFlowPeers.DoomedId, "nonce-while-down")));
        var renewal = await Answer(Post(worker, "auth/token/renew-self", new JsonObject()));
        output.WriteLine($"first login while every writer address is down: {newcomer.Status} {newcomer.Body.ToJsonString()}");
        output.WriteLine($"re-login while every writer address is down: {known.Status} {known.Body.ToJsonString()}");
        output.WriteLine($"renewal while every writer address is down: {renewal.Status} {renewal.Body.ToJsonString()}");

        // A first login must write its objects: without the writer it fails with a 5xx naming Vault, and no token.
        Assert.True(newcomer.Status is 502 or 503, $"{newcomer.Status} {newcomer.Body.ToJsonString()}");
        Assert.Contains("vault: ", newcomer.Body["errors"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(vault.RootToken, newcomer.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(newcomer.Body["auth"]);
        // A re-login whose objects are unchanged trusts the confirmed registry record and needs no writer (design.md §2).
        Assert.True(known.Status == 200 && known.Body["auth"] is not null, $"{known.Status} {known.Body.ToJsonString()}");
        // Renewal reads the objects back; Vault's token store wraps the plugin's failure in its own 500: never a 400.
        Assert.True(renewal.Status >= 500, $"{renewal.Status} {renewal.Body.ToJsonString()}");
        Assert.Contains("vault: ", renewal.Body["errors"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var policy = await Answer(root.GetAsync($"sys/policies/acl/ec2-instance-{LoginFlowPeers.Hash(LoginFlowPeers.DoomedId)}", ct));
        Assert.Equal(404, policy.Status);

        await Ok(Post(root, "auth/ec2/config/vault", new JsonObject { ["address"] = vault.BaseAddress.ToString(), ["token"] = vault.RootToken }));
        await Ok(Post(anonymous, "auth/ec2/login", LoginBody(peers, LoginFlowPeers.RunningId, "nonce-running")));
        await Ok(Post(anonymous, "auth/ec2/login", LoginBody(peers, LoginFlowPeers.DoomedId, "nonce-doomed")));
        await Ok(Post(worker, "auth/token/renew-self", new JsonObject()));
        Directory.Delete(pluginDirectory, recursive: true);
    }
}
