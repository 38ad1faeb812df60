using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>The plugin process killed (SIGKILL) while a login is between its writes into Vault.</summary>
public sealed class PluginKillTests
{
    [Fact]
    public async Task Plugin_killed_between_the_writes_of_a_login_gives_no_token_records_the_pending_set_and_the_next_login_completes_it()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        var storage = Path.Combine(Path.GetTempPath(), $"killed-{Guid.NewGuid():N}.json");
        try
        {
            await using var host = await VaultHostSession.StartAsync("--protocols 5", "--storage-file", storage);
            foreach (var step in FaultPeers.SetUpSteps(peers))
            {
                Assert.True((await host.StepAsync(step))["status"]!.GetValue<int>() < 300);
            }

            var instanceId = FaultPeers.Launch(peers);
            var policyPath = "sys/policies/acl/" + FaultPeers.PolicyName(instanceId);
            peers.Vault.DelayPath(policyPath, TimeSpan.FromSeconds(20), "PUT");

            var login = host.StepAsync(FaultPeers.Login(peers, instanceId));
            await peers.Vault.WaitForRequestAsync(request => request.Method == "PUT" && request.Path == policyPath, TimeSpan.FromSeconds(60));
            using (var plugin = Process.GetProcessById(host.FirstPluginPid))
            {
                plugin.Kill();
            }

            var killed = await login;
            peers.Vault.ClearFaults();

            if (killed["status"]?.GetValue<int>() == 200)
            {
                // Like Vault, the host may reload a plugin that died under a request and send that request once more:
                // then the retried login ran whole on the new process and left nothing pending.
                Assert.True(killed["reloaded"]?.GetValue<bool>() == true, killed.ToJsonString());
                Assert.Equal(2, FaultPeers.HeldItems(peers, instanceId));
                Assert.Equal("", PendingSet(storage, instanceId));
                return;
            }

            // The host sees the connection drop (gRPC Unavailable), which Vault answers with a 500.
            Assert.True(killed["status"]?.GetValue<int>() >= 500 || killed["protocol_error"] is not null, killed.ToJsonString());
            Assert.Null(killed["auth"]);
            // Until the next login (or tidy), the registry names everything the killed login was about to write.
            var pending = PendingSet(storage, instanceId);
            Assert.Contains(FaultPeers.PolicyName(instanceId), pending, StringComparison.Ordinal);
            Assert.Contains(FaultPeers.PkiRolePath(instanceId), pending, StringComparison.Ordinal);

            var after = await host.StepAsync(FaultPeers.Login(peers, instanceId));

            Assert.True(after["status"]!.GetValue<int>() == 200, after.ToJsonString());
            Assert.True(after["reloaded"]?.GetValue<bool>() == true, after.ToJsonString());
            Assert.NotEqual(host.FirstPluginPid, after["pid"]!.GetValue<int>());
            Assert.Equal(2, FaultPeers.HeldItems(peers, instanceId));
            Assert.Equal("", PendingSet(storage, instanceId));
        }
        finally
        {
            File.Delete(storage);
        }
    }

    /// <summary>The <c>pending</c> part of <c>instances/&lt;id&gt;</c> in vault-host's storage file, as JSON text ("" when none).</summary>
    private static string PendingSet(string storageFile, string instanceId)
    {
        var storage = JsonNode.Parse(File.ReadAllText(storageFile))!.AsObject();
        var record = storage["instances/" + instanceId]?.GetValue<string>();
        Assert.NotNull(record);
        var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(record)))!.AsObject();
        return json["pending"]?.ToJsonString() ?? "";
    }
}
