using VaultEc2Auth.Storage;
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

    private readonly KeyLocks _locks = new();

    public async Task<IDisposable> AcquireAsync(string instanceId, CancellationToken cancellationToken) =>
        await _locks.TryAcquireAsync(instanceId, MaxWait, cancellationToken).ConfigureAwait(false)
        ?? throw RequestException.Coded(429, "another login or renewal of this instance is in progress: try again later");
}
