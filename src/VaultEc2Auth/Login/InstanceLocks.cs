namespace VaultEc2Auth.Login;

/// <summary>
/// Serializes logins and renewals of one instance inside this process, so two concurrent first logins cannot
/// both bind a nonce and two renders cannot interleave their writes.
/// </summary>
public sealed class InstanceLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string instanceId, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_locks)
        {
            var (existing, users) = _locks.TryGetValue(instanceId, out var slot) ? slot : (new SemaphoreSlim(1, 1), 0);
            _locks[instanceId] = (existing, users + 1);
            gate = existing;
        }

        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(instanceId, entered: false);
            throw;
        }

        return new Holder(this, instanceId);
    }

    private void Release(string instanceId, bool entered)
    {
        lock (_locks)
        {
            var (gate, users) = _locks[instanceId];
            if (entered)
            {
                gate.Release();
            }

            if (users == 1)
            {
                _locks.Remove(instanceId);
            }
            else
            {
                _locks[instanceId] = (gate, users - 1);
            }
        }
    }

    private sealed class Holder(InstanceLocks owner, string instanceId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(instanceId, entered: true);
            }
        }
    }
}
