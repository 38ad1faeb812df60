// Build, test, conformance, benchmark and packaging targets. Run through ./build.sh [Target] (default: Test).
#load "tools/paths.cake"
#load "tools/process.cake"
#load "tools/publish.cake"
#load "tools/tests.cake"
#load "tools/manifest.cake"

var target = Argument("target", "Test");
// Conformance can be pointed at another plugin or scenario folder, e.g. the Go test plugin to check the runner.
var conformancePlugin = System.IO.Path.GetFullPath(Argument("plugin", Paths.PluginBinary));
var conformanceScenarios = System.IO.Path.GetFullPath(Argument("scenarios", Paths.ConformanceScenarios));
var tally = new TestTally();

Task("Build")
    .Description("Compile the whole solution (Release).")
    .Does(() => MustRun("dotnet", "build", Paths.Solution, "-c", "Release", "-tl:off", "-nologo"));

Task("Publish")
    .Description("Native AOT single-file plugin in artifacts/publish; fails on any warning or a file over 25 MB.")
    .Does(PublishPlugin);

Task("PublishArm64")
    .Description("Native AOT linux-arm64 plugin, cross-compiled, in artifacts/publish-arm64; same checks as Publish.")
    .Does(() => PublishPlugin("linux-arm64", Paths.PublishArm64Dir));

Task("VaultHost")
    .Description("Build the Go plugin host and test plugin from ../shared/vault-host into artifacts/vault-host.")
    .Does(() => MustRun("bash", Paths.Under("tools", "build-vault-host.sh")));

Task("UnitTest")
    .Description("Every xunit test project (the end-to-end ones drive the published binary through vault-host and Vault 0.10.1).")
    .IsDependentOn("Build")
    .IsDependentOn("Publish")
    .IsDependentOn("VaultHost")
    .Does(() => RunUnitTests(tally));

Task("Style")
    .Description("dotnet format whitespace --verify-no-changes over the solution (the build enforces the style rules).")
    .Does(() => RunStyleCheck(tally));

Task("Conformance")
    .Description("tests/Conformance/*.jsonl through vault-plugin-host: protocol 5, protocol 4, v4 fallback.")
    .IsDependentOn("Publish")
    .IsDependentOn("VaultHost")
    .Does(() => RunConformance(tally, conformancePlugin, conformanceScenarios));

Task("ConformanceArm64")
    .Description("The conformance scenarios against the arm64 binary under qemu-aarch64-static, 3 start modes.")
    .IsDependentOn("PublishArm64")
    .IsDependentOn("VaultHost")
    // Emulation makes the start several times slower than native: allow it more than vault-host's default minute.
    .Does(() => RunConformance(tally, Paths.QemuArm64Plugin, conformanceScenarios, "arm64", "--start-timeout 3m"));

Task("Test")
    .Description("Style + UnitTest + Conformance + ConformanceArm64, ending with one `N passed, N failed` line.")
    .IsDependentOn("Style")
    .IsDependentOn("UnitTest")
    .IsDependentOn("Conformance")
    .IsDependentOn("ConformanceArm64");

Task("BenchLogin")
    .Description("Login in a real Vault 0.10.1, built-in ec2 vs the plugin -> benchmarks/results/login.md (publishes the plugin).")
    .Does(() =>
    {
        // The bench's fake peers and load generator build (into artifacts/login-bench, apart from every other output)
        // while the plugin's Native AOT compile runs: two builds for two cores, half a minute off a fresh clone's run.
        var script = Paths.Under("benchmarks", "run-login-bench.sh");
        var tools = System.Threading.Tasks.Task.Run(() => Exec("bash", new[] { script, "--build-tools" }, echo: false));
        try
        {
            PublishPlugin();
        }
        finally
        {
            tools.Wait(); // never leave a build running behind a failed publish
        }
        var built = tools.Result;
        if (built.ExitCode != 0)
        {
            foreach (var line in built.Lines.TakeLast(40)) Console.WriteLine(line);
            throw new Exception($"building the login bench's tools exited {built.ExitCode}");
        }
        MustRun("bash", script, "--tools-built");
    });

Task("Bench")
    .Description("BenchLogin, then the plugin-protocol benchmark against the Go test plugin -> benchmarks/results/plugin-protocol.md.")
    .IsDependentOn("VaultHost")
    .IsDependentOn("BenchLogin")
    .Does(() => MustRun("bash", Paths.Under("benchmarks", "run-protocol-bench.sh")));

Task("Fuzz")
    .Description("Fuzz campaign: 1,000,000 mutated proofs and login bodies (FUZZ_INPUTS, FUZZ_SEED) -> benchmarks/results/fuzz.md.")
    .Does(() => MustRun("bash", Paths.Under("benchmarks", "run-fuzz.sh")));

Task("Soak")
    .Description("Ten minutes (SOAK_SECONDS) of mixed logins, renewals and injected faults via vault-host -> benchmarks/results/soak.md.")
    .IsDependentOn("Publish")
    .IsDependentOn("VaultHost")
    .Does(() => MustRun("bash", Paths.Under("benchmarks", "run-soak.sh")));

Task("Manifest")
    .Description("plugin-manifest/: JSON manifest (version; sha256 and size of the x64 and arm64 binaries) and register.sh.")
    .IsDependentOn("Publish")
    .IsDependentOn("PublishArm64")
    .Does(WriteManifest);

Task("Demo")
    .Description("The plugin mounted in the real Vault 0.10.1 from ../shared, with a readable transcript.")
    .IsDependentOn("Build")
    .IsDependentOn("Publish")
    .Does(() => MustRun("bash", Paths.Under("tools", "demo.sh")));

// For the test targets the summary is written even when a task threw (a build or publish failure counts as one
// failed test), so that build.sh can print it as the very last line, after Cake's own task report.
Teardown(context =>
{
    if (target is not ("Test" or "UnitTest" or "Conformance" or "ConformanceArm64")) return;
    if (!context.Successful) tally.Add(0, 1);
    System.IO.Directory.CreateDirectory(Paths.Artifacts);
    System.IO.File.WriteAllText(Paths.TestSummary, tally.Line + "\n");
    if (tally.Failed > 0 && context.Successful) throw new Exception(tally.Line);
});

RunTarget(target);
