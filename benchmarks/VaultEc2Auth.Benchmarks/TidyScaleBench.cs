using System.Diagnostics;
using System.Globalization;
using System.Text;
using VaultEc2Auth.Aws;
using VaultEc2Auth.Aws.Identity;
using VaultEc2Auth.Aws.Instances;
using VaultEc2Auth.TestSupport.Tidy;

namespace VaultEc2Auth.Benchmarks;

/// <summary>
/// The tidy over a large fleet (default 10,000 instances, one in ten terminated): the auth method with the real EC2
/// adapter against the fake EC2 on loopback, in-memory storage and Vault. Measures each run's wall time, the
/// DescribeInstances calls and the process's peak RSS, and writes a results file. Run by run-tidy-bench.sh.
/// </summary>
internal static class TidyScaleBench
{
    public static async Task RunAsync(string[] args)
    {
        var size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var report = args.Length > 1 ? args[1] : "benchmarks/results/tidy-scale.md";
        var rssAtStart = PeakRssMiB();

        var seeding = Stopwatch.StartNew();
        await using var fleet = await TidyFleet.StartAsync(size, () => new Ec2InstanceDescriber(new AwsCredentialSource(), TimeProvider.System, null, new InstanceMetadataRegion()), new IdentityDocumentVerifier(), new AwsIdentifierRules());
        seeding.Stop();
        var rssSeeded = PeakRssMiB();

        var first = Stopwatch.StartNew();
        var removing = await fleet.TidyAsync();
        first.Stop();
        var firstCalls = fleet.Aws.CountOf("DescribeInstances");
        var rssFirst = PeakRssMiB();

        var second = Stopwatch.StartNew();
        var again = await fleet.TidyAsync();
        second.Stop();
        var secondCalls = fleet.Aws.CountOf("DescribeInstances") - firstCalls;
        var rssEnd = PeakRssMiB();

        var text = new StringBuilder()
            .AppendLine("# Tidy at scale")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"`benchmarks/run-tidy-bench.sh` on {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores ({Environment.OSVersion}).")
            .AppendLine(CultureInfo.InvariantCulture, $"{size:N0} instance records (one access-list entry, one policy and one PKI role each), one in ten terminated in the fake EC2.")
            .AppendLine("In process: the auth method's tidy with the real EC2 adapter (SigV4, XML) against the fake EC2 on loopback; storage and")
            .AppendLine("Vault in memory, so Vault's storage and HTTP round trips are not in these times.")
            .AppendLine()
            .AppendLine("| run | checked | removed | kept | failed | DescribeInstances calls | ceil(N/100) | wall time (s) |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|")
            .AppendLine(CultureInfo.InvariantCulture, $"| first (removes the terminated) | {removing.Checked} | {removing.Removed} | {removing.Kept} | {removing.Failed} | {firstCalls} | {(size + 99) / 100} | {first.Elapsed.TotalSeconds:0.00} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| second (removes nothing) | {again.Checked} | {again.Removed} | {again.Kept} | {again.Failed} | {secondCalls} | {(again.Checked + 99) / 100} | {second.Elapsed.TotalSeconds:0.00} |")
            .AppendLine()
            .AppendLine("| peak RSS (MiB) | at start | after seeding | after first tidy | after second tidy |")
            .AppendLine("|---|---:|---:|---:|---:|")
            .AppendLine(CultureInfo.InvariantCulture, $"| process | {rssAtStart:0.0} | {rssSeeded:0.0} | {rssFirst:0.0} | {rssEnd:0.0} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Seeding took {seeding.Elapsed.TotalSeconds:0.0} s.")
            .ToString();
        await File.WriteAllTextAsync(report, text);
        Console.Write(text);
    }

    /// <summary>VmHWM from /proc/self/status: the most resident memory the process has held.</summary>
    private static double PeakRssMiB()
    {
        var line = File.ReadLines("/proc/self/status").First(candidate => candidate.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }
}
