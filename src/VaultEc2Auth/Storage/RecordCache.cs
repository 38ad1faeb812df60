using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Storage;

/// <summary>
/// A bounded, write-through copy of the per-instance records under one storage prefix (<c>accesslist/</c>,
/// <c>instances/</c>, <c>owners/</c>), so a login does not ask the broker again for what this node just read or
/// wrote. It holds the stored bytes (or "no entry"), never a parsed object, so no caller can change a cached record.
/// <para>
/// It is exact, not approximate: an entry is only ever what storage held when a read or this node's write finished,
/// and is forgotten when that may no longer be so. Vault sends <c>InvalidateKey</c> for every other node's write (a
/// performance standby, a replication secondary) and none for ours, so ours go through here: a write forgets the
/// key before it starts and remembers the written bytes only after storage confirmed them, so a failed, cancelled
/// or refused write (a standby's read-only storage) leaves nothing cached. A read fills the copy only if no write
/// or invalidation of a key in its stripe began or ended while it was under way, so a read that fetched the old
/// value never caches it over a newer write. A miss always reads storage; a new process (a restart, a new Setup
/// after the node became active) starts empty.
/// </para>
/// </summary>
public sealed class RecordCache(string prefix, int capacity)
{
    // Generations per stripe instead of per key: bounded memory, and a stripe shared by two keys only costs a fill.
    private const int Stripes = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Slot>> _slots = new(StringComparer.Ordinal);
    private readonly LinkedList<Slot> _recency = new();
    private readonly long[] _generations = new long[Stripes];
    private readonly int[] _writes = new int[Stripes];
    private readonly int _capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public string Prefix => prefix;

    /// <summary>How many keys are held (for tests of the bound).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    public async Task<T?> ReadAsync<T>(IStorage storage, string key, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var stripe = StripeOf(key);
        long began;
        lock (_gate)
        {
            if (_slots.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Bytes is { } bytes ? StoredJson.Parse(key, bytes, type) : null;
            }

            began = _generations[stripe];
        }

        var entry = await storage.GetAsync(key, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_generations[stripe] == began && _writes[stripe] == 0)
            {
                Remember(key, entry?.Value);
            }
        }

        return entry is null ? null : StoredJson.Parse(key, entry.Value, type);
    }

    public Task WriteAsync<T>(IStorage storage, string key, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        return ChangeAsync(key, bytes, () => storage.PutAsync(new StorageEntry(key, bytes), cancellationToken));
    }

    public Task DeleteAsync(IStorage storage, string key, CancellationToken cancellationToken) =>
        ChangeAsync(key, null, () => storage.DeleteAsync(key, cancellationToken));

    /// <summary>Vault says <paramref name="changedKey"/> changed on another node: forget it if it is ours.</summary>
    public void Invalidate(string changedKey)
    {
        if (!changedKey.StartsWith(prefix, StringComparison.Ordinal))
        {
            return;
        }

        lock (_gate)
        {
            _generations[StripeOf(changedKey)]++;
            Forget(changedKey);
        }
    }

    private async Task ChangeAsync(string key, byte[]? stored, Func<Task> change)
    {
        var stripe = StripeOf(key);
        long began;
        lock (_gate)
        {
            began = ++_generations[stripe];
            _writes[stripe]++;
            Forget(key);
        }

        var confirmed = false;
        try
        {
            await change().ConfigureAwait(false);
            confirmed = true;
        }
        finally
        {
            lock (_gate)
            {
                _writes[stripe]--;
                // Writes of one stripe that overlapped may have landed in either order: then none is remembered.
                var alone = _generations[stripe] == began && _writes[stripe] == 0;
                _generations[stripe]++;
                Forget(key);
                if (confirmed && alone)
                {
                    Remember(key, stored);
                }
            }
        }
    }

    private void Remember(string key, byte[]? bytes)
    {
        if (_slots.TryGetValue(key, out var existing))
        {
            _recency.Remove(existing);
            _slots.Remove(key);
        }
        else if (_slots.Count >= _capacity && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _slots.Remove(oldest.Value.Key);
        }

        _slots[key] = _recency.AddFirst(new Slot(key, bytes));
    }

    private void Forget(string key)
    {
        if (_slots.Remove(key, out var node))
        {
            _recency.Remove(node);
        }
    }

    private static int StripeOf(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % Stripes);

    /// <summary>A key and its stored bytes; null bytes: storage has no entry.</summary>
    private sealed record Slot(string Key, byte[]? Bytes);
}
