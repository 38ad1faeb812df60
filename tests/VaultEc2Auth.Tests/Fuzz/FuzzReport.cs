using System.Globalization;
using System.Text;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// Counts of a fuzz run by target and outcome, every input that broke the oracle (the first few kept whole), and the
/// first input of each distinct behaviour (outcome + message), which is what the corpus is picked from.
/// </summary>
internal sealed class FuzzReport(int seed)
{
    private const int KeptFailures = 50;
    private const int KeptBehaviours = 4000;

    private readonly Dictionary<(FuzzTarget, FuzzOutcome), long> _counts = [];
    private readonly Dictionary<string, FuzzResult> _firstOfBehaviour = new(StringComparer.Ordinal);
    private readonly List<FuzzResult> _failures = [];
    private readonly Dictionary<FuzzTarget, TimeSpan> _time = [];

    public int Seed { get; } = seed;

    public long Inputs { get; private set; }

    public long FailureCount { get; private set; }

    public TimeSpan Elapsed { get; set; }

    public IReadOnlyList<FuzzResult> Failures => _failures;

    public IReadOnlyCollection<FuzzResult> FirstOfEachBehaviour => _firstOfBehaviour.Values;

    public long Count(FuzzOutcome outcome) => _counts.Where(c => c.Key.Item2 == outcome).Sum(c => c.Value);

    public long Count(FuzzTarget target) => _counts.Where(c => c.Key.Item1 == target).Sum(c => c.Value);

    public void Add(FuzzResult result, TimeSpan took)
    {
        _time[result.Target] = _time.GetValueOrDefault(result.Target) + took;
        Inputs++;
        var key = (result.Target, result.Outcome);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
        if (_firstOfBehaviour.Count < KeptBehaviours)
        {
            _firstOfBehaviour.TryAdd(result.Behaviour, result);
        }

        if (!result.KeptOracle)
        {
            FailureCount++;
            if (_failures.Count < KeptFailures)
            {
                _failures.Add(result);
            }
        }
    }

    /// <summary>Adds another shard's counts, failures and behaviours (a campaign run in parallel shards).</summary>
    public void Absorb(FuzzReport other)
    {
        Inputs += other.Inputs;
        FailureCount += other.FailureCount;
        foreach (var (key, count) in other._counts)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + count;
        }

        foreach (var (target, time) in other._time)
        {
            _time[target] = _time.GetValueOrDefault(target) + time;
        }

        foreach (var (behaviour, result) in other._firstOfBehaviour)
        {
            if (_firstOfBehaviour.Count < KeptBehaviours)
            {
                _firstOfBehaviour.TryAdd(behaviour, result);
            }
        }

        _failures.AddRange(other._failures.Take(KeptFailures - _failures.Count));
    }

    /// <summary>A one-paragraph failure description for an assertion message.</summary>
    public string DescribeFailures() => string.Join("\n", _failures.Take(10).Select(f =>
        $"{f.Target} from {f.Seed.Name}: {f.Outcome}: {f.Message}\n  input: {Truncate(f.Case.ToJsonString(), 400)}"));

    public string ToMarkdownTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| target | inputs | µs per input | accepted (genuine) | rejected (4xx) | forged | 5xx | crashes | no answer |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var target in Enum.GetValues<FuzzTarget>())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {target} | {Count(target):N0} | {MicrosPerInput(target):N0} | {Cell(target, FuzzOutcome.Accepted)} | {Cell(target, FuzzOutcome.Rejected)} | " +
                $"{Cell(target, FuzzOutcome.Forged)} | {Cell(target, FuzzOutcome.ServerError)} | {Cell(target, FuzzOutcome.Crash)} | {Cell(target, FuzzOutcome.NoAnswer)} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| **total** | **{Inputs:N0}** | {Elapsed.TotalMicroseconds / Math.Max(Inputs, 1):N0} | {Count(FuzzOutcome.Accepted):N0} | {Count(FuzzOutcome.Rejected):N0} | " +
            $"{Count(FuzzOutcome.Forged):N0} | {Count(FuzzOutcome.ServerError):N0} | {Count(FuzzOutcome.Crash):N0} | {Count(FuzzOutcome.NoAnswer):N0} |");
        return text.ToString();
    }

    private double MicrosPerInput(FuzzTarget target) => _time.GetValueOrDefault(target).TotalMicroseconds / Math.Max(Count(target), 1);

    private string Cell(FuzzTarget target, FuzzOutcome outcome) =>
        _counts.GetValueOrDefault((target, outcome)).ToString("N0", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
