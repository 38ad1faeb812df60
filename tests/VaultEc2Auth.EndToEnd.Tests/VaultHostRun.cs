using System.Diagnostics;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>One run of vault-host against the published plugin: its JSON lines, exit code and stderr.</summary>
internal sealed record VaultHostRun(int ExitCode, IReadOnlyList<JsonObject> Lines, string Stderr)
{
    /// <summary>The three ways Vault starts a plugin: v5 AutoMTLS, v4 AutoMTLS, and the v4 fallback.</summary>
    public static TheoryData<string> Modes => new("--protocols 5", "--protocols 4", "--metadata-probe --tls-mode unwrap");

    public IReadOnlyList<JsonObject> Steps => [.. Lines.Where(line => line["line"] is not null)];

    public JsonObject Step(string label) =>
        Steps.Single(step => step["label"]?.GetValue<string>() == label);

    /// <param name="started">Called with vault-host's process once it runs (to find the plugin it launches).</param>
    public static async Task<VaultHostRun> RunAsync(string scenarioText, string mode, IDictionary<string, string>? environment = null, Action<Process>? started = null)
    {
        var scenario = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(scenario, scenarioText);
        try
        {
            var start = new ProcessStartInfo(Artifacts.VaultHost)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "run", "--plugin", Artifacts.PluginBinary, "--scenario", scenario, "--rollback-interval", "0" }
                         .Concat(mode.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start)!;
            started?.Invoke(process);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonNode.Parse(line) as JsonObject)
                .OfType<JsonObject>()
                .ToList();
            return new VaultHostRun(process.ExitCode, lines, await stderr);
        }
        finally
        {
            File.Delete(scenario);
        }
    }
}
