using System.Globalization;
using VaultEc2Auth.LoginBench;
using VaultEc2Auth.TestSupport;

// Usage: VaultEc2Auth.LoginBench <plugin binary> <DevPeers dll> <results dir>
//   BENCH_DURATION_S (10) seconds per side and row, in BENCH_ROUNDS (2) alternating rounds, BENCH_FIRST_LOGINS
//   (8000) fresh instances per side of a first-login row, BENCH_DISTINCT (256) instances of the round-robin re-login runs, BENCH_ONLY runs whose label contains this text
//   (to compare two binaries on one row; the results file then has only those rows).
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: VaultEc2Auth.LoginBench <plugin binary> <DevPeers dll> <results dir>");
    return 2;
}
var (pluginBinary, devPeers, resultsDir) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), Path.GetFullPath(args[2]));
var duration = TimeSpan.FromSeconds(Setting("BENCH_DURATION_S", 10));
var firstLogins = Setting("BENCH_FIRST_LOGINS", 8000);
var distinct = Setting("BENCH_DISTINCT", 256);
var roundCount = Setting("BENCH_ROUNDS", 2);
var wallClock = System.Diagnostics.Stopwatch.StartNew();

Console.WriteLine($"login bench: signing {distinct + 1 + 2 * firstLogins} identity documents (dev peers)");
await using var peers = await BenchPeers.StartAsync(devPeers, distinct + 1 + 2 * firstLogins);
var pluginDirectory = Directory.CreateTempSubdirectory("login-bench-plugins-").FullName;
File.Copy(pluginBinary, Path.Combine(pluginDirectory, VaultSetup.PluginName));
try
{
    await using var vault = await VaultDevServer.StartAsync(VaultDevServer.ExpectedBinaryPath(), pluginDirectory);
    using var root = vault.CreateRootClient();
    await VaultSetup.BuiltInAsync(root, peers.AwsAddress, peers.CaCertificatePem);
    var writerToken = await VaultSetup.PluginAsync(root, vault.BaseAddress, peers.AwsAddress, peers.CaCertificatePem);

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
        {
            throw new InvalidOperationException($"warm-up of auth/{sides[side].Mount} failed: {warm.Errors} errors, first: {warm.FirstError}");
        }
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
    var only = Environment.GetEnvironmentVariable("BENCH_ONLY");
    var results = new List<ScenarioResult>();
    foreach (var scenario in scenarios.Where(s => string.IsNullOrEmpty(only) || s.Label.Contains(only, StringComparison.Ordinal)))
    {
        var sources = Enumerable.Range(0, 2).Select(side => scenario.Workload switch
        {
            Workload.FirstLogin => Bodies.Once(BodiesOf(scenario.Clients == 1 ? fresh1 : fresh8, side)),
            Workload.ReloginOne => Bodies.RoundRobin(BodiesOf([one], side)),
            _ => Bodies.RoundRobin(BodiesOf(known, side)),
        }).ToArray();
        // The two sides take turns in rounds, built-in first in even rounds and plugin first in odd ones (ABBA), so
        // a load that other processes put on the machine meanwhile falls on both sides alike.
        var rounds = new[] { new List<RunResult>(), new List<RunResult>() };
        for (var round = 0; round < roundCount; round++)
        {
            foreach (var side in round % 2 == 0 ? [0, 1] : new[] { 1, 0 })
            {
                rounds[side].Add(await load.RunAsync(sides[side].Mount, scenario.Clients, duration / roundCount, sources[side]));
            }
        }

        var pair = rounds.Select(RunResult.Merge).ToArray();
        for (var side = 0; side < 2; side++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {scenario.Label,-58} auth/{sides[side].Mount,-4} {pair[side].LoginsPerSecond,7:F0}/s  p50 {pair[side].P50Ms,6:F2} ms  p99 {pair[side].P99Ms,6:F2} ms  CPU {pair[side].CpuMsPerLogin,5:F2} ms/login  errors {pair[side].Errors}"));
        }
        results.Add(new ScenarioResult(scenario, pair[0], pair[1]));
    }

    // The pieces a login is made of, each measured alone with one client (see "Where the cost goes").
    var cost = new RequestCost(vault.BaseAddress, vault.ProcessId);
    var hash = VaultSetup.InstanceHash(known[0].InstanceId);
    var policy = """{"policy": "path \"pki/issue/ec2-x\" { capabilities = [\"update\"] }"}""";
    var pkiRole = """{"allowed_domains": ["ip-10-0-0-1.ec2.internal"], "allow_bare_domains": true, "allow_subdomains": false, "max_ttl": "72h"}""";
    var pieces = new List<RequestCostResult>
    {
        await cost.MeasureAsync("a read through the plugin (gRPC request, role served from the plugin's cache)", vault.RootToken, HttpMethod.Get, _ => "auth/ec2/roles/worker", _ => null, 500),
        await cost.MeasureAsync("a read of the built-in method (role from storage)", vault.RootToken, HttpMethod.Get, _ => "auth/aws/role/bench", _ => null, 500),
        await cost.MeasureAsync("writer: GET an instance's policy", writerToken, HttpMethod.Get, _ => $"sys/policies/acl/ec2-instance-{hash}", _ => null, 500),
        await cost.MeasureAsync("writer: GET an instance's PKI role", writerToken, HttpMethod.Get, _ => $"pki/roles/ec2-{hash}", _ => null, 500),
        await cost.MeasureAsync("writer: PUT a new policy", writerToken, HttpMethod.Put, i => $"sys/policies/acl/ec2-instance-cost-{i}", _ => policy, 500),
        await cost.MeasureAsync("writer: PUT a new PKI role", writerToken, HttpMethod.Put, i => $"pki/roles/ec2-cost-{i}", _ => pkiRole, 500),
        await cost.MeasureAsync("root: create a token (auth/token/create, as a login's token)", vault.RootToken, HttpMethod.Post, _ => "auth/token/create", _ => """{"policies": ["default"], "ttl": "1h"}""", 500),
    };
    foreach (var piece in pieces)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {piece.What,-84} Vault {piece.VaultCpuMs,5:F2} ms  plugin {piece.PluginCpuMs,5:F2} ms CPU  {piece.MeanMs,5:F2} ms"));
    }

    Directory.CreateDirectory(resultsDir);
    var markdown = LoginReport.Markdown(results, pieces, duration, roundCount, firstLogins, distinct);
    await File.WriteAllTextAsync(Path.Combine(resultsDir, "login.md"), markdown);
    await File.WriteAllTextAsync(Path.Combine(resultsDir, "login-ratios.svg"), LoginReport.Svg(results));
    Console.WriteLine();
    Console.WriteLine(LoginReport.Table(results));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"login bench: {wallClock.Elapsed.TotalSeconds:F0} s from signing to report"));
    var failed = results.Where(r => r.BuiltIn.Errors + r.Plugin.Errors > 0).ToList();
    foreach (var f in failed)
    {
        Console.Error.WriteLine($"login bench: {f.Scenario.Label}: errors (built-in: {f.BuiltIn.FirstError}; plugin: {f.Plugin.FirstError})");
    }

    return failed.Count == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(pluginDirectory, recursive: true);
}

static int Setting(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
