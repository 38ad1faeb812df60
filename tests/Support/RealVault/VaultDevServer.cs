using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// The real Vault 0.10.1 (<c>shared/vault-0.10.1/vault</c>) in dev mode on 127.0.0.1: in memory, a random root
/// token, its own HOME, killed (whole process tree) on dispose.
/// </summary>
public sealed class VaultDevServer : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private readonly Process process;
    private readonly string home;
    private readonly StringBuilder output;

    private VaultDevServer(Process process, string home, StringBuilder output, Uri baseAddress, string rootToken)
    {
        this.process = process;
        this.home = home;
        this.output = output;
        BaseAddress = baseAddress;
        RootToken = rootToken;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public string RootToken { get; }

    /// <summary>The server's process id (its plugins are its child processes), e.g. to read its CPU time from /proc.</summary>
    public int ProcessId => process.Id;

    /// <summary>Where the binary is expected: <c>&lt;repo&gt;/../shared/vault-0.10.1/vault</c>.</summary>
    public static string ExpectedBinaryPath() =>
        Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "vault-0.10.1", "vault"));

    /// <summary>The folder holding <c>VaultEc2Auth.sln</c>, found upwards from the running test binary.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VaultEc2Auth.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no VaultEc2Auth.sln above {AppContext.BaseDirectory}; cannot locate the repository");
    }

    /// <summary>Starts dev mode and waits for <c>sys/health</c>; retries on another port if the chosen one was taken.</summary>
    public static async Task<VaultDevServer> StartAsync(string binary, string? pluginDirectory = null, CancellationToken cancellationToken = default)
    {
        var failures = new StringBuilder();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var started = await TryStartAsync(binary, pluginDirectory, failures, cancellationToken);
            if (started is not null)
            {
                return started;
            }
        }
        throw new InvalidOperationException($"vault dev server did not start:\n{failures}");
    }

    /// <summary>An HttpClient on <c>/v1/</c> with the root token, for arranging and checking state.</summary>
    public HttpClient CreateRootClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseAddress, "v1/") };
        client.DefaultRequestHeaders.Add("X-Vault-Token", RootToken);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

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

    private static async Task<VaultDevServer?> TryStartAsync(
        string binary, string? pluginDirectory, StringBuilder failures, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var rootToken = "root-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var home = Directory.CreateTempSubdirectory("vault-dev-home-").FullName;
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        info.ArgumentList.Add("server");
        info.ArgumentList.Add("-dev");
        info.ArgumentList.Add($"-dev-root-token-id={rootToken}");
        info.ArgumentList.Add($"-dev-listen-address=127.0.0.1:{port}");
        if (pluginDirectory is not null)
        {
            info.ArgumentList.Add($"-dev-plugin-dir={pluginDirectory}");
        }

        info.Environment["HOME"] = home;
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("VAULT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new VaultDevServer(process, home, output, new Uri($"http://127.0.0.1:{port}/"), rootToken);
        if (await WaitHealthyAsync(server, cancellationToken))
        {
            return server;
        }

        failures.AppendLine($"port {port}:").AppendLine(server.Output);
        await server.DisposeAsync();
        return null;
    }

    private static async Task<bool> WaitHealthyAsync(VaultDevServer server, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (DateTime.UtcNow < deadline && !server.process.HasExited)
        {
            try
            {
                using var reply = await http.GetAsync(new Uri(server.BaseAddress, "v1/sys/health"), cancellationToken);
                if (reply.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: dev mode unseals and mounts first.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A single probe timed out; the overall deadline decides.
            }
            await Task.Delay(100, cancellationToken);
        }
        return false;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 64 * 1024)
            {
                output.AppendLine(line);
            }
        }
    }
}
