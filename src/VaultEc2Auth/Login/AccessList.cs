using System.Security.Cryptography;
using System.Text;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Storage;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Login;

/// <summary>The access-list outcome for one login: the entry to store once the login succeeds, and a nonce to return.</summary>
public sealed record AccessDecision(AccessListEntry Entry, string? GeneratedNonce);

/// <summary>
/// Replay defence with Vault's EC2 semantics (docs/aws.md §6): the first login binds a nonce to the instance; later
/// logins must present it (compared in constant time); an older identity document is always refused; a newer one
/// with another nonce only with allow_instance_migration; disallow_reauthentication allows one login. Evaluating
/// reads only: the entry is written by the caller after the whole login succeeded.
/// </summary>
public sealed class AccessList
{
    public const string Prefix = "accesslist/";

    /// <summary>Vault's default system max lease TTL, for a mount that reports none.</summary>
    private static readonly TimeSpan FallbackLifetime = TimeSpan.FromDays(32);

    /// <summary>Entries a node keeps in memory: one per recently seen instance, a few hundred bytes each.</summary>
    public const int CachedEntries = 8192;

    // Every write of accesslist/ goes through here, so the copy stays exact (RecordCache); the read a login makes
    // under the instance lock is then answered from memory whenever this node saw the entry last.
    private readonly RecordCache _cache = new(Prefix, CachedEntries);

    public Task<AccessListEntry?> GetAsync(IStorage storage, string instanceId, CancellationToken cancellationToken) =>
        _cache.ReadAsync(storage, Prefix + instanceId, StorageJsonContext.Default.AccessListEntry, cancellationToken);

    public Task StoreAsync(IStorage storage, string instanceId, AccessListEntry entry, CancellationToken cancellationToken) =>
        _cache.WriteAsync(storage, Prefix + instanceId, entry, StorageJsonContext.Default.AccessListEntry, cancellationToken);

    public Task DeleteAsync(IStorage storage, string instanceId, CancellationToken cancellationToken) =>
        _cache.DeleteAsync(storage, Prefix + instanceId, cancellationToken);

    /// <summary>Vault's InvalidateKey: another node changed <paramref name="key"/>.</summary>
    public void Invalidate(string key) => _cache.Invalidate(key);

    /// <summary>
    /// How long an entry must outlive the login or renewal that wrote it: as long as the longest token that login
    /// could yield lives, so max(mount max TTL, role token_max_ttl, token_period), as Vault keeps its entries for
    /// replay. A periodic token is renewed within its period, and every renewal moves the expiration on.
    /// </summary>
    public static async Task<TimeSpan> LifetimeAsync(ISystemView systemView, RoleEntry? role, CancellationToken cancellationToken) =>
        Lifetime(await systemView.MaxLeaseTtlAsync(cancellationToken).ConfigureAwait(false), role);

    /// <summary><see cref="LifetimeAsync"/> with the mount's max lease TTL already asked.</summary>
    public static TimeSpan Lifetime(TimeSpan mountMax, RoleEntry? role)
    {
        var roleMax = TimeSpan.FromSeconds(Math.Max(role?.Token.MaxTtlSeconds ?? 0, role?.Token.PeriodSeconds ?? 0));
        var longest = mountMax > roleMax ? mountMax : roleMax;
        return longest > TimeSpan.Zero ? longest : FallbackLifetime;
    }

    /// <summary>
    /// An entry past its expiration still binds its nonce (and disallow_reauthentication): only the tidy removes it,
    /// after safety_buffer. Treating an expired entry as absent would let anyone holding the instance's identity
    /// document (readable by every process on it) log in as a quiet instance without its nonce.
    /// </summary>
    public static AccessDecision Evaluate(AccessListEntry? entry, VerifiedDocument document, NonceInput nonce, RoleEntry role, DateTimeOffset now, TimeSpan lifetime)
    {
        if (document.CloudProvider == CloudProviders.Gce)
        {
            return EvaluateToken(entry, document, role, now, lifetime);
        }

        if (entry is null)
        {
            var (salt, hash, generated) = Bind(nonce);
            return new AccessDecision(
                new AccessListEntry(role.Name, salt, hash, role.DisallowReauthentication || nonce.IsEmpty, document.PendingTime, now, now, now + lifetime),
                generated);
        }

        DenyOlderOrForbidden(entry, document);
        if (role.DisallowReauthentication)
        {
            throw RequestException.Denied("reauthentication is disabled for this instance");
        }

        if (Matches(entry, nonce))
        {
            return new AccessDecision(entry with { Role = role.Name, PendingTime = document.PendingTime, LastUpdatedTime = now, ExpirationTime = now + lifetime }, null);
        }

        if (role.AllowInstanceMigration && document.PendingTime > entry.PendingTime)
        {
            var (salt, hash, generated) = Bind(nonce);
            return new AccessDecision(
                entry with { Role = role.Name, NonceSalt = salt, NonceHash = hash, DisallowReauthentication = nonce.IsEmpty, PendingTime = document.PendingTime, LastUpdatedTime = now, ExpirationTime = now + lifetime },
                generated);
        }

        throw RequestException.Denied("client nonce mismatch");
    }

    /// <summary>
    /// GCE has no nonce: Google binds a token to its instance and audience and expires it within the hour. The entry
    /// records the token's iat instead, and a token issued before the last login's is refused, so a token that leaked
    /// is dead once the instance has logged in with a newer one.
    /// </summary>
    private static AccessDecision EvaluateToken(AccessListEntry? entry, VerifiedDocument token, RoleEntry role, DateTimeOffset now, TimeSpan lifetime)
    {
        if (entry is null)
        {
            return new AccessDecision(
                new AccessListEntry(role.Name, null, null, role.DisallowReauthentication, token.PendingTime, now, now, now + lifetime), null);
        }

        DenyOlderOrForbidden(entry, token);
        if (role.DisallowReauthentication)
        {
            throw RequestException.Denied("reauthentication is disabled for this instance");
        }

        return new AccessDecision(entry with { Role = role.Name, PendingTime = token.PendingTime, LastUpdatedTime = now, ExpirationTime = now + lifetime }, null);
    }

    /// <summary>What no role can allow: an entry that forbids reauthentication, or a proof older than the last login's.</summary>
    internal static void DenyOlderOrForbidden(AccessListEntry entry, VerifiedDocument document)
    {
        if (entry.DisallowReauthentication)
        {
            throw RequestException.Denied("reauthentication is disabled for this instance");
        }

        if (document.PendingTime < entry.PendingTime)
        {
            throw RequestException.Denied(document.CloudProvider == CloudProviders.Gce
                ? "the identity token was issued before the one this instance last logged in with"
                : "the identity document is older than the one this instance last logged in with");
        }
    }

    private static (string? Salt, string? Hash, string? Generated) Bind(NonceInput nonce)
    {
        if (nonce.IsEmpty)
        {
            return (null, null, null);
        }

        var value = nonce.Present ? nonce.Value : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var salt = RandomNumberGenerator.GetBytes(16);
        return (Convert.ToBase64String(salt), Convert.ToBase64String(Hash(salt, value)), nonce.Present ? null : value);
    }

    internal static bool Matches(AccessListEntry entry, NonceInput nonce)
    {
        if (!nonce.Present || nonce.IsEmpty || entry.NonceSalt is null || entry.NonceHash is null)
        {
            return false;
        }

        var expected = Convert.FromBase64String(entry.NonceHash);
        return CryptographicOperations.FixedTimeEquals(expected, Hash(Convert.FromBase64String(entry.NonceSalt), nonce.Value));
    }

    private static byte[] Hash(byte[] salt, string nonce) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(nonce));
}
