namespace VaultEc2Auth.Storage;

/// <summary>
/// One async lock per key inside this process (an instance id, an ownership claim's key), held only while someone
/// holds or waits for it, so memory follows what is in flight, not everything ever locked.
/// </summary>
public sealed class KeyLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    /// <summary>The lock of <paramref name="key"/>, or null when it was not free within <paramref name="maxWait"/>.</summary>
    public async Task<IDisposable?> TryAcquireAsync(string key, TimeSpan maxWait, CancellationToken cancellationToken) =>
        await EnterAsync(key, maxWait, cancellationToken).ConfigureAwait(false) ? new Holder(this, [key]) : null;

    /// <summary>
    /// The locks of every distinct key, taken in ordinal order so two callers sharing keys never wait on each other
    /// in a cycle; released together.
    /// </summary>
    public async Task<IDisposable> AcquireAllAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var entered = new List<string>();
        try
        {
            foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await EnterAsync(key, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                entered.Add(key);
            }
        }
        catch
        {
            entered.ForEach(key => Release(key, entered: true));
            throw;
        }

        return new Holder(this, [.. entered]);
    }

    private async Task<bool> EnterAsync(string key, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_locks)
        {
            var (existing, users) = _locks.TryGetValue(key, out var slot) ? slot : (new SemaphoreSlim(1, 1), 0);
            _locks[key] = (existing, users + 1);
            gate = existing;
        }

        bool entered;
        try
        {
            entered = await gate.WaitAsync(maxWait, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(key, entered: false);
            throw;
        }

        if (!entered)
        {
            Release(key, entered: false);
        }

        return entered;
    }

    private void Release(string key, bool entered)
    {
        lock (_locks)
        {
            var (gate, users) = _locks[key];
            if (entered)
            {
                gate.Release();
            }

            if (users == 1)
            {
                _locks.Remove(key);
            }
            else
            {
                _locks[key] = (gate, users - 1);
            }
        }
    }

    private sealed class Holder(KeyLocks owner, string[] keys) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                foreach (var key in keys)
                {
                    owner.Release(key, entered: true);
                }
            }
        }
    }
}
