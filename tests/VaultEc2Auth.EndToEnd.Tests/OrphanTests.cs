using System.Diagnostics;
using VaultEc2Auth.TestSupport;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// A Vault node killed with SIGKILL stops none of its plugins. The published binary must notice that the process
/// that started it is gone, exit and remove its socket, instead of living on under init.
/// </summary>
public sealed class OrphanTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Plugin_exits_and_removes_its_socket_within_5_s_of_its_parent_being_killed()
    {
        var ct = TestContext.Current.CancellationToken;
        // The shell stands in for Vault: it starts the plugin as its child, tells us the child's pid, and waits.
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("\"$0\" & echo \"pid=$!\" >&2; wait");
        info.ArgumentList.Add(Artifacts.PluginBinary);
        info.Environment["VAULT_BACKEND_PLUGIN"] = "6669da05-b1c8-4f49-97d9-c8e5bed98e20";
        info.Environment["VAULT_PLUGIN_METADATA_MODE"] = "true";

        using var parent = Process.Start(info)!;
        var pluginPid = 0;
        try
        {
            var handshake = await parent.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct)
                            ?? throw new InvalidOperationException("the plugin printed no handshake line");
            pluginPid = await ReadChildPidAsync(parent, ct);
            var socket = handshake.Split('|')[3];
            Assert.True(File.Exists(socket), $"socket {socket} from handshake {handshake}");
            Assert.True(ProcessTable.IsRunning(pluginPid));

            parent.Kill(entireProcessTree: false);
            var killed = Stopwatch.StartNew();
            await parent.WaitForExitAsync(ct);
            while ((ProcessTable.IsRunning(pluginPid) || File.Exists(socket)) && killed.Elapsed < Limit + TimeSpan.FromSeconds(5))
            {
                await Task.Delay(50, ct);
            }

            var gone = killed.Elapsed;

            output.WriteLine($"plugin exited and removed its socket {gone.TotalSeconds:0.00} s after its parent was killed (limit {Limit.TotalSeconds:0} s)");
            Assert.False(ProcessTable.IsRunning(pluginPid), "the plugin is still running after its parent was killed");
            Assert.False(File.Exists(socket), "the plugin's socket is still there");
            Assert.True(gone < Limit, $"took {gone.TotalSeconds:0.00} s");
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill(entireProcessTree: true);
            }

            if (pluginPid > 0 && ProcessTable.IsRunning(pluginPid))
            {
                Process.GetProcessById(pluginPid).Kill();
            }
        }
    }

    private static async Task<int> ReadChildPidAsync(Process parent, CancellationToken ct)
    {
        while (await parent.StandardError.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("pid=", StringComparison.Ordinal))
            {
                return int.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException("the shell did not report the plugin's pid");
    }
}
