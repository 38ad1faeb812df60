using System.Globalization;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// Mutation fuzzing of identity proofs (base64, PEM, DER, JSON, identity + signature) and login bodies: whatever
/// arrives gets a genuine document (or a token for it) or a 4xx, never a 5xx, a crash or a forged document.
/// CI runs a fixed-seed slice and the corpus; <c>./build.sh Fuzz</c> runs the million-input campaign.
/// </summary>
public sealed class FuzzTests
{
    private const int CiSeed = 20_261_202;
    private const int CiInputs = 3_000;

    [Fact]
    public async Task Fixed_seed_slice_of_mutated_proofs_and_login_bodies_gets_only_genuine_documents_or_4xx()
    {
        var report = await FuzzCampaign.RunAsync(CiSeed, CiInputs);

        Assert.True(report.FailureCount == 0, report.DescribeFailures());
        Assert.Equal(CiInputs, report.Inputs);
        Assert.All(Enum.GetValues<FuzzTarget>(), target => Assert.True(report.Count(target) > 0, $"{target} got no inputs"));
        Assert.True(report.Count(FuzzOutcome.Accepted) > 0, "no mutated input kept a genuine document: the oracle saw only rejections");
        Assert.True(report.Count(FuzzOutcome.Rejected) > report.Inputs / 2);
    }

    public static TheoryData<string> CorpusCases() => [.. FuzzCorpus.CaseNames()];

    [Theory]
    [MemberData(nameof(CorpusCases))]
    public async Task Corpus_case_gets_what_it_recorded_and_only_a_genuine_document_or_a_4xx(string name)
    {
        var testCase = FuzzCorpus.Load(name);

        var (outcome, message) = await FuzzCorpus.Shared.ReplayAsync(testCase);

        Assert.True(outcome is FuzzOutcome.Accepted or FuzzOutcome.Rejected, $"{outcome}: {message}");
        Assert.Equal(testCase["expect"]!.GetValue<string>(), outcome == FuzzOutcome.Accepted ? "accepted" : "rejected");
        if (testCase["message"]?.GetValue<string>() is { } expected)
        {
            Assert.Contains(expected, message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The bench-style campaign (FUZZ_INPUTS, default 1,000,000, split over FUZZ_SHARDS parallel shards, default 2,
    /// shard k seeded FUZZ_SEED * 1000 + k; FUZZ_OUT for the summary, progress and the first input of each
    /// behaviour). Explicit: only <c>./build.sh Fuzz</c> (or <c>-explicit only</c>) runs it.
    /// </summary>
    [Fact(Explicit = true)]
    public async Task Campaign_of_a_million_mutated_inputs_gets_only_genuine_documents_or_4xx()
    {
        var inputs = long.Parse(Environment.GetEnvironmentVariable("FUZZ_INPUTS") ?? "1000000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Environment.GetEnvironmentVariable("FUZZ_SEED") ?? "1", CultureInfo.InvariantCulture);
        var shards = int.Parse(Environment.GetEnvironmentVariable("FUZZ_SHARDS") ?? "2", CultureInfo.InvariantCulture);
        var output = Environment.GetEnvironmentVariable("FUZZ_OUT") ?? Path.Combine(Path.GetTempPath(), "vault-ec2-fuzz");
        Directory.CreateDirectory(output);

        var reports = await Task.WhenAll(Enumerable.Range(0, shards).Select(shard => Task.Run(() => FuzzCampaign.RunAsync(
            seed * 1000 + shard, inputs / shards + (shard < inputs % shards ? 1 : 0),
            progress => File.WriteAllText(Path.Combine(output, $"progress-{shard}.md"),
                $"{progress.Inputs:N0} inputs in {progress.Elapsed.TotalSeconds:F0} s, {progress.FailureCount} broke the oracle\n\n{progress.ToMarkdownTable()}")))));
        var report = new FuzzReport(seed);
        foreach (var shard in reports)
        {
            report.Absorb(shard);
        }

        report.Elapsed = reports.Max(shard => shard.Elapsed);
        FuzzRunOutput.Write(output, report);
        Assert.True(report.FailureCount == 0, report.DescribeFailures());
    }
}
