using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// Mixed traffic for a while through vault-host and the published plugin: logins of eight instances, each followed
/// now and then by a renewal, role reads, and injected faults (EC2 throttling, Vault 5xx) whose failures are
/// expected. Samples the plugin's RSS and open file descriptors; every answer that is not expected is an error.
/// </summary>
internal sealed class SoakRun
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(30);

    public List<ProcessSample> Samples { get; } = [];

    public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    public List<string> UnexpectedErrors { get; } = [];

    public HashSet<int> PluginPids { get; } = [];

    public long Requests => Counts.Values.Sum();

    public static async Task<SoakRun> RunAsync(TimeSpan duration, int seed)
    {
        var run = new SoakRun();
        await using var peers = await LoginFlowPeers.StartAsync();
        await using var host = await VaultHostSession.StartAsync();
        foreach (var step in FaultPeers.SetUpSteps(peers))
        {
            await run.ExpectAsync(host, "setup", step, ok: true);
        }

        var instances = Enumerable.Range(0, 8).Select(_ => FaultPeers.Launch(peers)).ToList();
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        run.Samples.Add(ProcessSample.Take(host.FirstPluginPid, clock.Elapsed, 0));
        var nextSample = SampleEvery;
        while (clock.Elapsed < duration)
        {
            var instance = instances[random.Next(instances.Count)];
            var roll = random.Next(100);
            if (roll < 55)
            {
                await run.ExpectAsync(host, "login", FaultPeers.Login(peers, instance), ok: true);
            }
            else if (roll < 85)
            {
                await run.ExpectAsync(host, "login", FaultPeers.Login(peers, instance), ok: true);
                await run.ExpectAsync(host, "renewal", FaultPeers.Step("renew", "login"), ok: true);
            }
            else if (roll < 93)
            {
                await run.ExpectAsync(host, "role read", FaultPeers.Step("read", "roles/worker"), ok: true);
            }
            else if (roll < 97)
            {
                // A fresh instance, so that the login has to reach EC2 (nothing is cached for it).
                peers.Aws.ThrottleNext(20, "DescribeInstances");
                await run.ExpectAsync(host, "login under injected EC2 throttling", FaultPeers.Login(peers, FaultPeers.Launch(peers)), ok: false);
                FaultPeers.Disarm(peers);
            }
            else
            {
                var fresh = FaultPeers.Launch(peers);
                peers.Vault.FailPath("sys/policies/acl/", 500);
                await run.ExpectAsync(host, "login under injected Vault 5xx", FaultPeers.Login(peers, fresh), ok: false);
                FaultPeers.Disarm(peers);
                if (FaultPeers.HeldItems(peers, fresh) != 0)
                {
                    run.UnexpectedErrors.Add($"partial set for {fresh} after a Vault 5xx");
                }
            }

            if (clock.Elapsed >= nextSample)
            {
                run.Samples.Add(ProcessSample.Take(host.FirstPluginPid, clock.Elapsed, run.Requests));
                nextSample += SampleEvery;
            }
        }

        run.Samples.Add(ProcessSample.Take(host.FirstPluginPid, clock.Elapsed, run.Requests));
        return run;
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| what | requests |").AppendLine("|---|---:|");
        foreach (var (what, count) in Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {count:N0} |");
        }

        text.AppendLine().AppendLine("| at (s) | requests so far | plugin RSS (MiB) | open fds |").AppendLine("|---:|---:|---:|---:|");
        foreach (var sample in Samples)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {sample.At.TotalSeconds:F0} | {sample.Requests:N0} | {sample.RssKiB / 1024.0:F1} | {sample.OpenFds} |");
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Plugin processes seen: {PluginPids.Count}; unexpected errors: {UnexpectedErrors.Count}{(UnexpectedErrors.Count > 0 ? " (first: " + UnexpectedErrors[0] + ")" : "")}.");
        return text.ToString();
    }

    private async Task ExpectAsync(VaultHostSession host, string what, JsonObject step, bool ok)
    {
        var result = await host.StepAsync(step);
        Counts[what] = Counts.GetValueOrDefault(what) + 1;
        PluginPids.Add(result["pid"]?.GetValue<int>() ?? 0);
        var status = result["status"]?.GetValue<int>() ?? 0;
        var asExpected = ok ? status is >= 200 and < 300 : status >= 500 && result["auth"] is null;
        if (!asExpected)
        {
            UnexpectedErrors.Add($"{what}: {result.ToJsonString()}");
        }
    }
}
