using VaultPlugin.Sdk.Host;

namespace VaultPlugin.Sdk.Testing;

/// <summary>A mount's system view with fixed answers (Vault's defaults: 32 days for both TTLs).</summary>
public sealed class FixedSystemView : ISystemView
{
    public TimeSpan DefaultLeaseTtl { get; set; } = TimeSpan.FromDays(32);

    public TimeSpan MaxLeaseTtl { get; set; } = TimeSpan.FromDays(32);

    public bool LocalMount { get; set; }

    /// <summary>When set, asking the max lease TTL fails with it (the broker adapter reports RequestException.Internal).</summary>
    public Exception? MaxLeaseTtlFailure { get; set; }

    public Task<TimeSpan> DefaultLeaseTtlAsync(CancellationToken cancellationToken) => Task.FromResult(DefaultLeaseTtl);

    public Task<TimeSpan> MaxLeaseTtlAsync(CancellationToken cancellationToken) =>
        MaxLeaseTtlFailure is { } failure ? Task.FromException<TimeSpan>(failure) : Task.FromResult(MaxLeaseTtl);

    public Task<bool> LocalMountAsync(CancellationToken cancellationToken) => Task.FromResult(LocalMount);
}
