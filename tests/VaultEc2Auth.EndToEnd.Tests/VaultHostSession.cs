using System.Diagnostics;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// vault-host running the published plugin with its scenario on stdin, one step at a time: the test arms a fault,
/// sends a step, reads its result line, and looks at the peers before the next. Storage lives in the host, so it
/// survives the plugin being killed and reloaded.
/// </summary>
internal sealed class VaultHostSession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private VaultHostSession(Process process, JsonObject ready)
    {
        _process = process;
        Ready = ready;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public JsonObject Ready { get; }

    /// <summary>The plugin's process id as the ready event reported it.</summary>
    public int FirstPluginPid => Ready["pid"]!.GetValue<int>();

    /// <summary>The vault-host process (the plugin is its child).</summary>
    public int HostPid => _process.Id;

    /// <param name="arguments">More vault-host flags, e.g. <c>--storage-file</c>. Its request timeout is 90 s (the default 30 s equals the plugin's Vault timeout).</param>
    public static async Task<VaultHostSession> StartAsync(string mode = "--protocols 5", params string[] arguments)
    {
        var start = new ProcessStartInfo(Artifacts.VaultHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--plugin", Artifacts.PluginBinary, "--scenario", "-", "--rollback-interval", "0", "--timeout", "90s" }
                     .Concat(mode.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var ready = await ReadLineAsync(process, line => line["event"]?.GetValue<string>() == "ready", TimeSpan.FromMinutes(1));
        return new VaultHostSession(process, ready);
    }

    /// <summary>Sends one scenario step and returns its result line.</summary>
    public async Task<JsonObject> StepAsync(JsonObject step, TimeSpan? timeout = null)
    {
        await _process.StandardInput.WriteLineAsync(step.ToJsonString());
        await _process.StandardInput.FlushAsync();
        return await ReadLineAsync(_process, line => line["line"] is not null, timeout ?? TimeSpan.FromMinutes(2));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _stderr;
        _process.Dispose();
    }

    private static async Task<JsonObject> ReadLineAsync(Process process, Func<JsonObject, bool> wanted, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var text = await process.StandardOutput.ReadLineAsync(deadline.Token)
                ?? throw new InvalidOperationException($"vault-host ended (exit {(process.HasExited ? process.ExitCode : -1)}) before the expected line");
            if (JsonNode.Parse(text) is JsonObject line && wanted(line))
            {
                return line;
            }
        }
    }
}
