using System.Text.Json.Serialization.Metadata;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Storage;

/// <summary>
/// One storage entry with an in-memory copy. The copy is only a cache: it is dropped on our own writes and when
/// Vault invalidates the key (another node wrote it), so every node converges on storage.
/// </summary>
public sealed class CachedEntry<T>(string key, JsonTypeInfo<T> type, bool sealWrap = false) where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ReadGuardedCache<Holder> _cached = new();

    public string Key => key;

    public async Task<T?> GetAsync(IStorage storage, CancellationToken cancellationToken)
    {
        if (_cached.Value is { } hit)
        {
            return hit.Value;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached.Value is { } raced)
            {
                return raced.Value;
            }

            var readBegan = _cached.BeginRead();
            var value = await StoredJson.ReadAsync(storage, key, type, cancellationToken).ConfigureAwait(false);
            _cached.Fill(readBegan, new Holder(value));
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task PutAsync(IStorage storage, T value, CancellationToken cancellationToken)
    {
        _cached.Drop();
        await StoredJson.WriteAsync(storage, key, value, type, cancellationToken, sealWrap).ConfigureAwait(false);
        _cached.Drop();
    }

    public async Task DeleteAsync(IStorage storage, CancellationToken cancellationToken)
    {
        _cached.Drop();
        await storage.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        _cached.Drop();
    }

    /// <summary>Vault says <paramref name="changedKey"/> changed on another node: drop the copy if it is this entry.</summary>
    public void Invalidate(string changedKey)
    {
        if (changedKey == key)
        {
            _cached.Drop();
        }
    }

    private sealed record Holder(T? Value);
}
