namespace VaultPlugin.Sdk.Host;

/// <summary>What Vault tells a plugin about its mount (docs/protocol.md §6.2), the parts this SDK uses.</summary>
public interface ISystemView
{
    Task<TimeSpan> DefaultLeaseTtlAsync(CancellationToken cancellationToken);

    Task<TimeSpan> MaxLeaseTtlAsync(CancellationToken cancellationToken);

    Task<bool> LocalMountAsync(CancellationToken cancellationToken);
}
