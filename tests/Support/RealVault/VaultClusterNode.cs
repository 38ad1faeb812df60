using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// One Vault 0.10.1 server of an HA cluster: its own config file (etcd storage with HA, a TCP listener without
/// TLS, api_addr, cluster_addr, plugin_directory) and HOME, on free 127.0.0.1 ports.
/// </summary>
public sealed class VaultClusterNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly string home;
    private readonly StringBuilder output;

    private VaultClusterNode(string name, Process process, string home, StringBuilder output, Uri apiAddress)
    {
        Name = name;
        this.process = process;
        this.home = home;
        this.output = output;
        ApiAddress = apiAddress;
    }

    public string Name { get; }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>: the node's <c>api_addr</c>.</summary>
    public Uri ApiAddress { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static VaultClusterNode Start(string name, string binary, Uri etcd, string pluginDirectory)
    {
        var apiPort = LoopbackPorts.Free();
        var clusterPort = LoopbackPorts.Free();
        var home = Directory.CreateTempSubdirectory($"vault-{name}-home-").FullName;
        var config = Path.Combine(home, "vault.hcl");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            storage "etcd" {
              address    = "{{etcd.GetLeftPart(UriPartial.Authority)}}"
              etcd_api   = "v3"
              ha_enabled = "true"
              path       = "vault/"
            }
            listener "tcp" {
              address         = "127.0.0.1:{{apiPort}}"
              cluster_address = "127.0.0.1:{{clusterPort}}"
              tls_disable     = 1
            }
            api_addr         = "http://127.0.0.1:{{apiPort}}"
            cluster_addr     = "https://127.0.0.1:{{clusterPort}}"
            plugin_directory = "{{pluginDirectory}}"
            disable_mlock    = true
            """));

        var info = new ProcessStartInfo(binary) { WorkingDirectory = home };
        info.ArgumentList.Add("server");
        info.ArgumentList.Add($"-config={config}");
        info.Environment["HOME"] = home;
        foreach (var variable in info.Environment.Keys.Where(k => k.StartsWith("VAULT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(variable);
        }

        var output = new StringBuilder();
        var process = ProcessOutput.Start(info, output);
        return new VaultClusterNode(name, process, home, output, new Uri($"http://127.0.0.1:{apiPort}/"));
    }

    /// <summary>An HttpClient on this node's <c>/v1/</c>, with <paramref name="token"/> when given.</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(ApiAddress, "v1/"), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("X-Vault-Token", token);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>The plugin processes this node started (its direct children), by pid.</summary>
    public IReadOnlyList<int> ChildProcessIds() => ProcessTable.ChildrenOf(process.Id);

    /// <summary>SIGKILL, as a crashed or OOM-killed node: nothing of Vault's own shutdown runs, plugins included.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(home, recursive: true);
    }
}
