using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Login;

/// <summary>
/// Serializes logins and renewals of one instance inside this process, so two concurrent first logins cannot
/// both bind a nonce and two renders cannot interleave their writes. The wait is bounded: a caller that cannot get
/// the lock within <see cref="MaxWait"/> gets a 429 instead of queueing towards Vault's request timeout.
/// </summary>
public sealed class InstanceLocks(TimeSpan maxWait)
{
    /// <summary>Long enough for a few logins with slow AWS and Vault calls; well inside Vault's 90 s request timeout.</summary>
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(30);

    public InstanceLocks()
        : this(DefaultMaxWait)
    {
    }

    public TimeSpan MaxWait { get; } = maxWait;

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

        bool entered;
        try
        {
            entered = await gate.WaitAsync(MaxWait, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(instanceId, entered: false);
            throw;
        }

        if (!entered)
        {
            Release(instanceId, entered: false);
            throw RequestException.Coded(429, "another login or renewal of this instance is in progress: try again later");
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
