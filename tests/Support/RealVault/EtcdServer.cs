using System.Diagnostics;
using System.Text;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// A single-member etcd (Debian's <c>etcd-server</c>, on PATH) on free 127.0.0.1 ports with a temporary data
/// directory: the shared storage and lock of a Vault HA cluster. Killed and removed on dispose.
/// </summary>
public sealed class EtcdServer : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private readonly Process process;
    private readonly string dataDirectory;
    private readonly StringBuilder output;

    private EtcdServer(Process process, string dataDirectory, StringBuilder output, Uri clientAddress)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.output = output;
        ClientAddress = clientAddress;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>, what Vault's <c>storage "etcd"</c> <c>address</c> names.</summary>
    public Uri ClientAddress { get; }

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

    public static async Task<EtcdServer> StartAsync(CancellationToken cancellationToken)
    {
        var failures = new StringBuilder();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var started = await TryStartAsync(failures, cancellationToken);
            if (started is not null)
            {
                return started;
            }
        }
        throw new InvalidOperationException($"etcd did not start:\n{failures}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static async Task<EtcdServer?> TryStartAsync(StringBuilder failures, CancellationToken cancellationToken)
    {
        var client = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var peer = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var dataDirectory = Directory.CreateTempSubdirectory("etcd-data-").FullName;
        var info = new ProcessStartInfo("etcd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        foreach (var argument in new[]
                 {
                     "--name", "vault-test", "--data-dir", Path.Combine(dataDirectory, "member"),
                     "--listen-client-urls", client, "--advertise-client-urls", client,
                     "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                     "--initial-cluster", $"vault-test={peer}", "--log-level", "warn",
                 })
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("ETCD", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        var output = new StringBuilder();
        var process = ProcessOutput.Start(info, output);
        var server = new EtcdServer(process, dataDirectory, output, new Uri(client));
        if (await WaitHealthyAsync(server, cancellationToken))
        {
            return server;
        }

        failures.AppendLine($"{client}:").AppendLine(server.Output);
        await server.DisposeAsync();
        return null;
    }

    private static async Task<bool> WaitHealthyAsync(EtcdServer server, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (DateTime.UtcNow < deadline && !server.process.HasExited)
        {
            try
            {
                using var reply = await http.GetAsync(new Uri(server.ClientAddress, "health"), cancellationToken);
                if (reply.IsSuccessStatusCode && (await reply.Content.ReadAsStringAsync(cancellationToken)).Contains("\"true\"", StringComparison.Ordinal))
                {
                    return true;
                }
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
        return false;
    }
}
