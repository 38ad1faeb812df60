using System.Globalization;
using VaultEc2Auth.LoginBench;
using VaultEc2Auth.TestSupport;

// Usage: VaultEc2Auth.LoginBench <plugin binary> <DevPeers dll> <results dir>
//   BENCH_DURATION_S (10) seconds per run, BENCH_FIRST_LOGINS (8000) fresh instances per first-login run,
//   BENCH_DISTINCT (256) instances of the round-robin re-login runs.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: VaultEc2Auth.LoginBench <plugin binary> <DevPeers dll> <results dir>");
    return 2;
}
var (pluginBinary, devPeers, resultsDir) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), Path.GetFullPath(args[2]));
var duration = TimeSpan.FromSeconds(Setting("BENCH_DURATION_S", 10));
var firstLogins = Setting("BENCH_FIRST_LOGINS", 8000);
var distinct = Setting("BENCH_DISTINCT", 256);

Console.WriteLine($"login bench: signing {distinct + 1 + 2 * firstLogins} identity documents (dev peers)");
await using var peers = await BenchPeers.StartAsync(devPeers, distinct + 1 + 2 * firstLogins);
var pluginDirectory = Directory.CreateTempSubdirectory("login-bench-plugins-").FullName;
File.Copy(pluginBinary, Path.Combine(pluginDirectory, VaultSetup.PluginName));
try
{
    await using var vault = await VaultDevServer.StartAsync(VaultDevServer.ExpectedBinaryPath(), pluginDirectory);
    using var root = vault.CreateRootClient();
    await VaultSetup.BuiltInAsync(root, peers.AwsAddress, peers.CaCertificatePem);
    await VaultSetup.PluginAsync(root, vault.BaseAddress, peers.AwsAddress, peers.CaCertificatePem);

    var fleet = peers.Fleet;
    var known = fleet.Take(distinct).ToList();
    var one = fleet[distinct];
    var fresh1 = fleet.Skip(distinct + 1).Take(firstLogins).ToList();
    var fresh8 = fleet.Skip(distinct + 1 + firstLogins).Take(firstLogins).ToList();
    var sides = new (string Mount, string Role)[] { (VaultSetup.BuiltInMount, "bench"), (VaultSetup.PluginMount, "worker") };
    byte[][] BodiesOf(IEnumerable<FleetInstance> instances, int side) =>
        instances.Select(i => VaultSetup.LoginBody(sides[side].Role, i)).ToArray();

    var load = new LoadRun(vault.BaseAddress, vault.ProcessId);
    // Warm-up, not measured: the known instances' first logins (every later re-login needs them) on both sides.
    for (var side = 0; side < 2; side++)
    {
        var warm = await load.RunAsync(sides[side].Mount, 8, TimeSpan.FromMinutes(2), Bodies.Once(BodiesOf(known.Append(one), side)));
        if (warm.Errors > 0 || warm.Successes != distinct + 1)
            throw new InvalidOperationException($"warm-up of auth/{sides[side].Mount} failed: {warm.Errors} errors, first: {warm.FirstError}");
    }

    var scenarios = new[]
    {
        new Scenario(Workload.FirstLogin, 1, "first login, 1 client"),
        new Scenario(Workload.FirstLogin, 8, "first login, 8 clients"),
        new Scenario(Workload.ReloginOne, 1, "re-login of one instance, 1 client"),
        new Scenario(Workload.ReloginOne, 8, "re-login of one instance, 8 clients"),
        new Scenario(Workload.ReloginRoundRobin, 1, $"re-login round-robin over {distinct} instances, 1 client"),
        new Scenario(Workload.ReloginRoundRobin, 8, $"re-login round-robin over {distinct} instances, 8 clients"),
    };
    var results = new List<ScenarioResult>();
    foreach (var scenario in scenarios)
    {
        var pair = new RunResult[2];
        for (var side = 0; side < 2; side++)
        {
            var source = scenario.Workload switch
            {
                Workload.FirstLogin => Bodies.Once(BodiesOf(scenario.Clients == 1 ? fresh1 : fresh8, side)),
                Workload.ReloginOne => Bodies.RoundRobin(BodiesOf([one], side)),
                _ => Bodies.RoundRobin(BodiesOf(known, side)),
            };
            pair[side] = await load.RunAsync(sides[side].Mount, scenario.Clients, duration, source);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {scenario.Label,-58} auth/{sides[side].Mount,-4} {pair[side].LoginsPerSecond,7:F0}/s  p50 {pair[side].P50Ms,6:F2} ms  p99 {pair[side].P99Ms,6:F2} ms  CPU {pair[side].CpuMsPerLogin,5:F2} ms/login  errors {pair[side].Errors}"));
        }
        results.Add(new ScenarioResult(scenario, pair[0], pair[1]));
    }

    Directory.CreateDirectory(resultsDir);
    var markdown = LoginReport.Markdown(results, duration, firstLogins, distinct);
    await File.WriteAllTextAsync(Path.Combine(resultsDir, "login.md"), markdown);
    await File.WriteAllTextAsync(Path.Combine(resultsDir, "login-ratios.svg"), LoginReport.Svg(results));
    Console.WriteLine();
    Console.WriteLine(LoginReport.Table(results));
    var failed = results.Where(r => r.BuiltIn.Errors + r.Plugin.Errors > 0).ToList();
    foreach (var f in failed)
        Console.Error.WriteLine($"login bench: {f.Scenario.Label}: errors (built-in: {f.BuiltIn.FirstError}; plugin: {f.Plugin.FirstError})");
    return failed.Count == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(pluginDirectory, recursive: true);
}

static int Setting(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
