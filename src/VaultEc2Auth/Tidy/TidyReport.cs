namespace VaultEc2Auth.Tidy;

/// <summary>
/// One tidy run as <c>tidy/status</c> shows it, stored at <see cref="StorageKey"/> so every node sees when the last
/// run started (the periodic tidy waits <c>interval</c> after it). <see cref="EndTime"/> is null while it runs.
/// </summary>
public sealed record TidyReport(
    string Trigger,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    int Checked,
    int Removed,
    int Kept,
    int Failed,
    int AccessListRemoved,
    IReadOnlyList<string> Errors)
{
    public const string StorageKey = "tidy/status";

    public static TidyReport Started(string trigger, DateTimeOffset startTime) => new(trigger, startTime, null, 0, 0, 0, 0, 0, []);
}
