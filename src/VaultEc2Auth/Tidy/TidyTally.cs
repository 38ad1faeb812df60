namespace VaultEc2Auth.Tidy;

/// <summary>The counts of one run as it goes; the errors are bounded so a run over a broken fleet stays readable.</summary>
internal sealed class TidyTally(string trigger, DateTimeOffset startTime)
{
    private const int MaxErrors = 20;

    private readonly List<string> _errors = [];
    private int _omittedErrors;

    public int Removed { get; private set; }

    public int Kept { get; private set; }

    public int Failed { get; private set; }

    public int AccessListRemoved { get; private set; }

    public void CountRemoved() => Removed++;

    public void CountKept() => Kept++;

    public void CountAccessListRemoved() => AccessListRemoved++;

    /// <summary><paramref name="instances"/> instances stay as they are because of <paramref name="error"/>.</summary>
    public void Fail(int instances, string error)
    {
        Failed += instances;
        Report(error);
    }

    public void Report(string error)
    {
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(error);
        }
        else
        {
            _omittedErrors++;
        }
    }

    public TidyReport Finish(DateTimeOffset endTime)
    {
        var errors = _omittedErrors == 0 ? _errors : [.. _errors, $"... and {_omittedErrors} more errors"];
        return new TidyReport(trigger, startTime, endTime, Removed + Kept + Failed, Removed, Kept, Failed, AccessListRemoved, [.. errors]);
    }
}
