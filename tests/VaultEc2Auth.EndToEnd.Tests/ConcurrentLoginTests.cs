using System.Diagnostics;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>One instance logging in from 32 workers at once, through vault-host's load generator and the published plugin.</summary>
public sealed class ConcurrentLoginTests
{
    [Fact]
    public async Task Thirty_two_concurrent_logins_of_one_instance_all_succeed_and_write_its_set_once()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        var storage = Path.Combine(Path.GetTempPath(), $"concurrent-{Guid.NewGuid():N}.json");
        var login = Path.Combine(Path.GetTempPath(), $"concurrent-login-{Guid.NewGuid():N}.json");
        var instanceId = FaultPeers.Launch(peers);
        try
        {
            await using (var host = await VaultHostSession.StartAsync("--protocols 5", "--storage-file", storage))
            {
                foreach (var step in FaultPeers.SetUpSteps(peers))
                {
                    Assert.True((await host.StepAsync(step))["status"]!.GetValue<int>() < 300);
                }
            }

            await File.WriteAllTextAsync(login, FaultPeers.Login(peers, instanceId)["data"]!.ToJsonString(), TestContext.Current.CancellationToken);
            var bench = await RunBenchAsync(storage, login);

            Assert.True(bench["errors"]!.GetValue<int>() == 0, bench.ToJsonString());
            Assert.True(bench["requests"]!.GetValue<int>() >= 32, bench.ToJsonString());
            Assert.Equal(2, FaultPeers.HeldItems(peers, instanceId));
            var writes = peers.Vault.Writes.Count(write => write.Path.Contains(LoginFlowPeers.Hash(instanceId), StringComparison.Ordinal));
            Assert.Equal(2, writes);
        }
        finally
        {
            File.Delete(storage);
            File.Delete(login);
        }
    }

    private static async Task<JsonObject> RunBenchAsync(string storage, string login)
    {
        var start = new ProcessStartInfo(Artifacts.VaultHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "bench", "--plugin", Artifacts.PluginBinary, "--storage-file", storage, "--op", "update", "--path", "login",
                     "--data-file", login, "--concurrency", "32", "--duration", "3s", "--warmup", "0s", "--handshake-runs", "1", "--json",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"bench exit {process.ExitCode}: {output}\n{await stderr}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)).OfType<JsonObject>().Last(line => line["requests"] is not null);
    }
}
