using VaultPlugin.Sdk.Host;

namespace VaultPlugin.Sdk.Testing;

/// <summary>A mount's system view with fixed answers (Vault's defaults: 32 days for both TTLs).</summary>
public sealed class FixedSystemView : ISystemView
{
    public TimeSpan DefaultLeaseTtl { get; set; } = TimeSpan.FromDays(32);

    public TimeSpan MaxLeaseTtl { get; set; } = TimeSpan.FromDays(32);

    public bool LocalMount { get; set; }

    public Task<TimeSpan> DefaultLeaseTtlAsync(CancellationToken cancellationToken) => Task.FromResult(DefaultLeaseTtl);

    public Task<TimeSpan> MaxLeaseTtlAsync(CancellationToken cancellationToken) => Task.FromResult(MaxLeaseTtl);

    public Task<bool> LocalMountAsync(CancellationToken cancellationToken) => Task.FromResult(LocalMount);
}
