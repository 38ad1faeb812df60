namespace VaultEc2Auth.Tidy;

/// <summary>
/// <c>config/tidy</c>: when the tidy runs and what it removes. Durations are stored and read back as whole seconds.
/// </summary>
public sealed record TidyConfig(
    long SafetyBufferSeconds,
    long IntervalSeconds,
    bool DisablePeriodicTidy,
    long StoppedGraceSeconds,
    int BatchSize)
{
    public const string StorageKey = "config/tidy";

    /// <summary>DescribeInstances takes at most this many instance ids per call with an instance-id filter of this size.</summary>
    public const int MaxBatchSize = 100;

    /// <summary>Vault's aws method defaults: 72 h safety buffer, a periodic tidy at most once an hour.</summary>
    public static TidyConfig Default { get; } = new(72 * 3600, 3600, false, 72 * 3600, MaxBatchSize);

    public TimeSpan SafetyBuffer => TimeSpan.FromSeconds(SafetyBufferSeconds);

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    public TimeSpan StoppedGrace => TimeSpan.FromSeconds(StoppedGraceSeconds);
}
