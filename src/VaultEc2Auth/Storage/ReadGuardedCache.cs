namespace VaultEc2Auth.Storage;

/// <summary>
/// An in-memory copy of something read from storage, which a read may fill only if no write or invalidation
/// happened since that read began. Otherwise a read that fetched the old value just before a write landed would
/// cache it after the write dropped the copy, and, as Vault sends no invalidation for this node's own writes, the
/// node would keep serving the old value (a tightened role, a deleted certificate) until the next write.
/// </summary>
public sealed class ReadGuardedCache<T> where T : class
{
    private readonly Lock _gate = new();
    private long _generation;
    private volatile T? _value;

    public T? Value => _value;

    /// <summary>Call before reading storage; hand the result to <see cref="Fill"/> with what was read.</summary>
    public long BeginRead()
    {
        lock (_gate)
        {
            return _generation;
        }
    }

    public void Fill(long readBegan, T value)
    {
        lock (_gate)
        {
            if (readBegan == _generation)
            {
                _value = value;
            }
        }
    }

    /// <summary>Forgets the copy and refuses every fill by a read that began before now.</summary>
    public void Drop()
    {
        lock (_gate)
        {
            _generation++;
            _value = null;
        }
    }
}
