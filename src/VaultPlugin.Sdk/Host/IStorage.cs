namespace VaultPlugin.Sdk.Host;

/// <summary>A value in the mount's private storage view.</summary>
public sealed record StorageEntry(string Key, byte[] Value, bool SealWrap = false);

/// <summary>
/// Vault's storage for this mount, reached through the broker. Failures throw a RequestException of kind
/// Storage carrying Vault's text unchanged.
/// </summary>
public interface IStorage
{
    /// <summary>Direct children of <paramref name="prefix"/>, relative to it; folders end in '/'.</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken);

    Task<StorageEntry?> GetAsync(string key, CancellationToken cancellationToken);

    Task PutAsync(StorageEntry entry, CancellationToken cancellationToken);

    /// <summary>Idempotent: deleting a missing key succeeds.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
