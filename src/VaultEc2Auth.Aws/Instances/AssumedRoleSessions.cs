using System.Collections.Concurrent;
using Amazon.Runtime;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// One assumed-role session per config/sts entry, reused until <see cref="RefreshBefore"/> its expiry and then
/// assumed again. Dropped with the EC2 clients when config/client changes (the caller's identity changed).
/// </summary>
internal sealed class AssumedRoleSessions(StsAssumeRoleCall sts, TimeProvider time)
{
    /// <summary>Refresh this long before expiry, so no EC2 or IAM call is signed with credentials about to lapse.</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, AssumedRoleCredentials> _sessions = new(StringComparer.Ordinal);
    /// <summary>One AssumeRole at a time: a boot storm of one account's instances needs one session, not hundreds.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _generation;

    /// <summary>Fresh credentials for <paramref name="role"/>; STS is asked only when none or only nearly expired ones are held.</summary>
    public async Task<AssumedRoleCredentials> GetAsync(
        string accountId, AccountStsRole role, Func<Task<(Uri Endpoint, string Region)>> stsTarget, int maxRetries, AWSCredentials caller, CancellationToken cancellationToken)
    {
        var key = string.Join('\n', accountId, role.StsRole, role.ExternalId ?? "", role.SessionName);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var generation = Interlocked.Read(ref _generation);
            if (_sessions.TryGetValue(key, out var held) && held.SessionExpiry - RefreshBefore > time.GetUtcNow())
            {
                return held;
            }
            var (endpoint, region) = await stsTarget().ConfigureAwait(false);
            var fresh = await sts.AssumeAsync(accountId, role, endpoint, region, maxRetries, caller, cancellationToken).ConfigureAwait(false);
            if (held is null)
            {
                held = new AssumedRoleCredentials(key, fresh);
            }
            else
            {
                held.Replace(fresh);
            }
            // Credentials assumed with config/client's former identity serve this call only, not later ones.
            if (Interlocked.Read(ref _generation) == generation)
            {
                _sessions[key] = held;
            }
            return held;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _sessions.Clear();
    }
}

/// <summary>
/// An assumed role's current temporary credentials, as the EC2 client reads them for every request; the session
/// cache swaps in refreshed ones. <see cref="Key"/> names the config/sts entry it belongs to.
/// </summary>
internal sealed class AssumedRoleCredentials(string key, AssumedCredentials initial) : AWSCredentials
{
    private volatile AssumedCredentials _current = initial;

    public string Key => key;

    public DateTimeOffset SessionExpiry => _current.Expiration;

    public void Replace(AssumedCredentials fresh) => _current = fresh;

    public override ImmutableCredentials GetCredentials() => _current.Credentials;

    public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromResult(_current.Credentials);
}
