using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// A real Vault HA cluster on one machine: etcd as the shared storage and lock, two Vault 0.10.1 servers on it,
/// initialized with one key share and both unsealed, the plugin registered (by its SHA-256) and enabled. One node
/// is active, the other a standby that forwards requests to it. Everything is stopped on dispose, including
/// plugin processes a killed node left behind.
/// </summary>
public sealed class VaultHaCluster : IAsyncDisposable
{
    public const string PluginName = "vault-plugin-auth-ec2-instance";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly EtcdServer etcd;
    private readonly string pluginDirectory;
    private readonly HashSet<int> pluginProcesses = [];

    private VaultHaCluster(EtcdServer etcd, string pluginDirectory, IReadOnlyList<VaultClusterNode> nodes)
    {
        this.etcd = etcd;
        this.pluginDirectory = pluginDirectory;
        Nodes = nodes;
    }

    public IReadOnlyList<VaultClusterNode> Nodes { get; }

    public string RootToken { get; private set; } = "";

    public static async Task<VaultHaCluster> StartAsync(string vaultBinary, string pluginBinary, string mount, CancellationToken cancellationToken)
    {
        var pluginDirectory = Directory.CreateTempSubdirectory("vault-ha-plugins-").FullName;
        File.Copy(pluginBinary, Path.Combine(pluginDirectory, PluginName));
        var etcd = await EtcdServer.StartAsync(cancellationToken);
        var nodes = new[]
        {
            VaultClusterNode.Start("a", vaultBinary, etcd.ClientAddress, pluginDirectory),
            VaultClusterNode.Start("b", vaultBinary, etcd.ClientAddress, pluginDirectory),
        };
        var cluster = new VaultHaCluster(etcd, pluginDirectory, nodes);
        try
        {
            await cluster.InitializeAsync(cancellationToken);
            await cluster.EnablePluginAsync(mount, cancellationToken);
            return cluster;
        }
        catch
        {
            var logs = cluster.Logs();
            await cluster.DisposeAsync();
            throw new InvalidOperationException($"the Vault HA cluster did not come up:\n{logs}");
        }
    }

    /// <summary>The node that holds the HA lock now (asks each live node's <c>sys/leader</c>).</summary>
    public async Task<VaultClusterNode> ActiveAsync(CancellationToken cancellationToken)
    {
        foreach (var node in Nodes.Where(node => !node.HasExited))
        {
            if (await IsActiveAsync(node, cancellationToken))
            {
                return node;
            }
        }
        throw new InvalidOperationException("no node of the cluster is active");
    }

    /// <summary>Polls <paramref name="node"/> every 100 ms until it is active; returns how long that took.</summary>
    public static async Task<TimeSpan> WaitUntilActiveAsync(VaultClusterNode node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (await IsActiveAsync(node, cancellationToken))
            {
                return waited.Elapsed;
            }

            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"node {node.Name} did not become active within {timeout.TotalSeconds:0} s:\n{node.Output}");
    }

    /// <summary>SIGKILL of one node; the plugin processes it had started are remembered so dispose can check on them.</summary>
    public async Task<IReadOnlyList<int>> KillAsync(VaultClusterNode node)
    {
        var plugins = node.ChildProcessIds();
        lock (pluginProcesses)
        {
            pluginProcesses.UnionWith(plugins);
        }

        await node.KillAsync();
        return plugins;
    }

    public string Logs() =>
        string.Join("\n", Nodes.Select(node => $"--- vault {node.Name} ({node.ApiAddress}) ---\n{node.Output}")) + $"\n--- etcd ---\n{etcd.Output}";

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            lock (pluginProcesses)
            {
                pluginProcesses.UnionWith(node.HasExited ? [] : node.ChildProcessIds());
            }

            await node.DisposeAsync();
        }
        // A plugin a killed node left behind should have stopped itself; one that did not is stopped here.
        int[] leftovers;
        lock (pluginProcesses)
        {
            leftovers = [.. pluginProcesses.Where(ProcessTable.IsRunning)];
        }

        foreach (var pid in leftovers)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Exited between the check and the kill.
            }
        }
        await etcd.DisposeAsync();
        Directory.Delete(pluginDirectory, recursive: true);
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var node in Nodes)
        {
            await WaitListeningAsync(node, cancellationToken);
        }

        using var first = Nodes[0].CreateClient();
        var init = await Ok(first.PutAsJsonAsync("sys/init", new JsonObject { ["secret_shares"] = 1, ["secret_threshold"] = 1 }, cancellationToken), cancellationToken);
        var key = init["keys_base64"]![0]!.GetValue<string>();
        RootToken = init["root_token"]!.GetValue<string>();
        foreach (var node in Nodes)
        {
            using var client = node.CreateClient();
            await Ok(client.PutAsJsonAsync("sys/unseal", new JsonObject { ["key"] = key }, cancellationToken), cancellationToken);
        }

        var deadline = Stopwatch.StartNew();
        while (!await AnyActiveAsync(cancellationToken))
        {
            if (deadline.Elapsed > StartupTimeout)
            {
                throw new TimeoutException("no node became active after unseal");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task EnablePluginAsync(string mount, CancellationToken cancellationToken)
    {
        string sha256;
        await using (var binary = File.OpenRead(Path.Combine(pluginDirectory, PluginName)))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(binary, cancellationToken));
        }

        using var root = (await ActiveAsync(cancellationToken)).CreateClient(RootToken);
        await Ok(root.PutAsJsonAsync($"sys/plugins/catalog/{PluginName}", new JsonObject { ["sha256"] = sha256, ["command"] = PluginName }, cancellationToken), cancellationToken);
        await Ok(root.PutAsJsonAsync($"sys/auth/{mount}", new JsonObject { ["type"] = "plugin", ["plugin_name"] = PluginName }, cancellationToken), cancellationToken);
    }

    private async Task<bool> AnyActiveAsync(CancellationToken cancellationToken)
    {
        foreach (var node in Nodes)
        {
            if (await IsActiveAsync(node, cancellationToken))
            {
                return true;
            }
        }
        return false;
    }

    private static async Task<bool> IsActiveAsync(VaultClusterNode node, CancellationToken cancellationToken)
    {
        using var client = node.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(2);
        try
        {
            using var reply = await client.GetAsync("sys/leader", cancellationToken);
            if (!reply.IsSuccessStatusCode)
            {
                return false;
            }

            var leader = JsonNode.Parse(await reply.Content.ReadAsStringAsync(cancellationToken));
            return leader?["is_self"]?.GetValue<bool>() == true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task WaitListeningAsync(VaultClusterNode node, CancellationToken cancellationToken)
    {
        using var client = node.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(2);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartupTimeout && !node.HasExited)
        {
            try
            {
                // Any answer will do: 501 (not initialized) or 503 (sealed) before init and unseal.
                using var reply = await client.GetAsync("sys/health", cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A single probe timed out; the overall deadline decides.
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"vault {node.Name} is not listening:\n{node.Output}");
    }

    private static async Task<JsonObject> Ok(Task<HttpResponseMessage> call, CancellationToken cancellationToken)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        }

        return body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? [];
    }
}
