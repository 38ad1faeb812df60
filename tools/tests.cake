// Runs the test suites and counts their results into one tally, so `Test` can end with a single
// `N passed, N failed` line covering unit tests and conformance scenarios together.
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

public sealed class TestTally
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }
    public void Add(int passed, int failed) { Passed += passed; Failed += failed; }
    public string Line => $"{Passed} passed, {Failed} failed";
}

// `dotnet test` in Microsoft.Testing.Platform mode (global.json); exit code 8 means a project has no tests
// yet, which is not a failure. Counts come from the xunit TRX reports, one per test project. A plain
// `dotnet test` skips the end-to-end tests when the published plugin or vault-host is missing; here they must run.
void RunUnitTests(TestTally tally)
{
    if (System.IO.Directory.Exists(Paths.TestResults)) System.IO.Directory.Delete(Paths.TestResults, true);
    var outcome = Exec("dotnet", new[] { "test", "--solution", Paths.Solution, "-c", "Release", "--no-build",
        "--results-directory", Paths.TestResults, "--report-xunit-trx", "--ignore-exit-code", "8" },
        logFile: System.IO.Path.Combine(Paths.Logs, "unit-tests.log"),
        environment: new Dictionary<string, string> { ["VAULT_EC2_E2E_REQUIRED"] = "1" });

    int passed = 0, failed = 0;
    var reports = System.IO.Directory.Exists(Paths.TestResults)
        ? System.IO.Directory.GetFiles(Paths.TestResults, "*.trx", SearchOption.AllDirectories)
        : Array.Empty<string>();
    foreach (var trx in reports)
    {
        var counters = XDocument.Load(trx).Descendants().First(e => e.Name.LocalName == "Counters");
        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
        passed += Count("passed");
        failed += Count("failed") + Count("error") + Count("timeout") + Count("aborted");
    }
    if (outcome.ExitCode != 0 && failed == 0)
    {
        Console.WriteLine($"unit tests: dotnet test exited {outcome.ExitCode} without a failed test; counted as one failure");
        failed = 1;
    }
    Console.WriteLine($"unit tests: {passed} passed, {failed} failed ({reports.Length} test projects)");
    tally.Add(passed, failed);
}

// One style: the build already fails on .editorconfig's rules (EnforceCodeStyleInBuild with warnings as errors);
// this checks the layout the build does not see (indentation, spacing, line ends). One test, passed or failed.
void RunStyleCheck(TestTally tally)
{
    var outcome = Exec("dotnet", new[] { "format", "whitespace", Paths.Solution, "--verify-no-changes", "-v", "q" },
        logFile: System.IO.Path.Combine(Paths.Logs, "style.log"));
    Console.WriteLine(outcome.ExitCode == 0 ? "style: dotnet format finds nothing to change" : "style: dotnet format would change files (run `dotnet format VaultEc2Auth.sln`)");
    tally.Add(outcome.ExitCode == 0 ? 1 : 0, outcome.ExitCode == 0 ? 0 : 1);
}

// The three ways a real host starts a plugin (docs/protocol.md §10).
static readonly string[] ConformanceModes = { "protocol5", "protocol4", "unwrap" };

// Each scenario step line (`"line":N`) is one test; a mode whose host run fails without a failing step
// (bring-up exit 3, a timeout, a crash) counts as one failure.
// A platform label (e.g. "arm64") keeps that run's host output apart, in artifacts/conformance-<platform>;
// hostFlags go to vault-host for every scenario.
void RunConformance(TestTally tally, string plugin, string scenarioDir, string platform = null, string hostFlags = "")
{
    var outputDir = platform is null ? Paths.ConformanceOutput : $"{Paths.ConformanceOutput}-{platform}";
    var label = platform is null ? "" : $", {platform}";
    var scenarios = System.IO.Directory.GetFiles(scenarioDir, "*.jsonl").OrderBy(f => f).ToArray();
    if (scenarios.Length == 0) throw new Exception($"no scenarios in {scenarioDir}");

    int passed = 0, failed = 0;
    foreach (var scenario in scenarios)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(scenario);
        var presence = PresenceChecks(scenario);
        foreach (var mode in ConformanceModes)
        {
            var run = Exec("bash", new[] { Paths.Under("tools", "run-conformance.sh"), scenario, mode },
                echo: false, environment: new Dictionary<string, string> { ["CONFORMANCE_PLUGIN"] = plugin, ["CONFORMANCE_OUT"] = outputDir,
                    ["CONFORMANCE_HOST_FLAGS"] = hostFlags });
            var output = System.IO.Path.Combine(outputDir, $"{name}.{mode}.jsonl");
            var (ok, failedSteps) = CountSteps(output, presence);
            var hostFailedAlone = run.ExitCode != 0 && failedSteps.Count == 0;
            var failedHere = hostFailedAlone ? 1 : failedSteps.Count;
            Console.WriteLine($"conformance {name} [{mode}{label}]: {ok} passed, {failedHere} failed");
            foreach (var line in failedSteps) Console.WriteLine("  FAIL " + line);
            if (hostFailedAlone)
            {
                var log = System.IO.Path.ChangeExtension(output, ".log");
                var why = run.ExitCode switch { 3 => " (bring-up failed)", 124 => " (timed out)", _ => "" };
                Console.WriteLine($"  FAIL host exited {run.ExitCode}{why}; last lines of {output} and {log}:");
                foreach (var line in Tail(output, 2).Concat(Tail(log, 8))) Console.WriteLine("    " + line);
            }
            passed += ok;
            failed += failedHere;
        }
    }
    tally.Add(passed, failed);
}

// vault-host's `expect` is a subset match and cannot say "this key exists, whatever its value". A comment line
// `# expect-present: data.help data.openapi` (invisible to the host) adds that check to the next step.
Dictionary<int, string[]> PresenceChecks(string scenario)
{
    var checks = new Dictionary<int, string[]>();
    string[] pending = null;
    var number = 0;
    foreach (var raw in System.IO.File.ReadLines(scenario))
    {
        number++;
        var text = raw.Trim();
        var directive = Regex.Match(text, @"^#\s*expect-present:(.*)$");
        if (directive.Success)
            pending = directive.Groups[1].Value.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries);
        else if (text.Length > 0 && !text.StartsWith("#") && !text.StartsWith("//") && pending is not null)
        {
            checks[number] = pending;
            pending = null;
        }
    }
    return checks;
}

(int Passed, List<string> FailedSteps) CountSteps(string jsonl, Dictionary<int, string[]> presence)
{
    int ok = 0;
    var bad = new List<string>();
    if (!System.IO.File.Exists(jsonl)) return (ok, bad);
    foreach (var line in System.IO.File.ReadLines(jsonl))
    {
        if (string.IsNullOrWhiteSpace(line)) continue;
        JsonElement step;
        try { step = JsonDocument.Parse(line).RootElement; }
        catch (JsonException) { bad.Add("unparsable host output: " + line); continue; }
        if (!step.TryGetProperty("line", out var number)) continue;
        var missing = presence.TryGetValue(number.GetInt32(), out var paths)
            ? paths.Where(p => !IsPresent(step, p)).ToList()
            : new List<string>();
        var hostOk = step.TryGetProperty("ok", out var okProp) && okProp.ValueKind == JsonValueKind.True;
        if (hostOk && missing.Count == 0) ok++;
        else bad.Add(missing.Count == 0 ? line : $"{line}  <- expected present: {string.Join(", ", missing)}");
    }
    return (ok, bad);
}

static bool IsPresent(JsonElement element, string dottedPath)
{
    foreach (var key in dottedPath.Split('.'))
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element)) return false;
    return element.ValueKind != JsonValueKind.Null;
}

IEnumerable<string> Tail(string file, int count) =>
    System.IO.File.Exists(file) ? System.IO.File.ReadLines(file).TakeLast(count) : Enumerable.Empty<string>();
