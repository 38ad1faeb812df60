using System.Security.Cryptography;
using System.Text;
using VaultEc2Auth.Storage;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Writing;

/// <summary>
/// <c>owners/&lt;sha256 of target&gt;</c>: which instance a generated policy name or object path belongs to.
/// Template validation renders synthetic instances only, so a template that branches on a value real instances
/// share (e.g. <c>AccountId</c>) could still give many instances one policy; the index refuses that at login, before
/// anything is written. Claimed with the intent, released when the instance's objects are removed or no longer
/// rendered (tidy calls <see cref="ReleaseAsync"/> after removing an instance's set).
/// </summary>
public sealed class OwnershipIndex
{
    public const string Prefix = "owners/";

    /// <summary>Claims a node keeps in memory (two per instance with the usual policy and PKI role).</summary>
    public const int CachedClaims = 8192;

    // Check-then-write must not interleave between two instances' logins on one target (all writes happen on the
    // active node). A lock per target, not one for the index: logins of unrelated instances claim at once.
    private readonly KeyLocks _targetLocks = new();

    // Every write of owners/ goes through here, so the copy stays exact (RecordCache): a re-login's claims of what
    // it already owns are checked without a storage read.
    private readonly RecordCache _cache = new(Prefix, CachedClaims);

    /// <summary>Vault's InvalidateKey: another node changed <paramref name="key"/>.</summary>
    public void Invalidate(string key) => _cache.Invalidate(key);

    /// <summary>
    /// Claims every target of <paramref name="set"/> for <paramref name="instanceId"/>, or claims nothing and refuses
    /// (403) when another instance owns one of them. The claims are separate records: read together, written together.
    /// </summary>
    public Task ClaimAsync(IStorage storage, string instanceId, RenderedSet set, CancellationToken cancellationToken) =>
        ClaimAsync(storage, instanceId, set, Task.CompletedTask, cancellationToken);

    /// <summary><see cref="ClaimAsync(IStorage, string, RenderedSet, CancellationToken)"/> with a read of the caller's alongside.</summary>
    /// <param name="readAlongside">
    /// A read of the caller's that runs in the same round trip as the claims' reads; nothing is claimed unless it
    /// succeeded too.
    /// </param>
    public async Task ClaimAsync(IStorage storage, string instanceId, RenderedSet set, Task readAlongside, CancellationToken cancellationToken)
    {
        var targets = KeyedTargets(set);
        using var locked = await _targetLocks.AcquireAllAsync(targets.Select(claim => claim.Key), cancellationToken).ConfigureAwait(false);
        var reading = ReadOwnersAsync(storage, targets, cancellationToken);
        await Task.WhenAll(reading, readAlongside).ConfigureAwait(false);
        var owners = await reading.ConfigureAwait(false);
        for (var i = 0; i < targets.Count; i++)
        {
            if (owners[i] is { } owner && owner.InstanceId != instanceId)
            {
                throw RequestException.Denied($"{Describe(targets[i].Target)} already belongs to another instance: its template must render a per-instance name");
            }
        }

        await Task.WhenAll(targets
            .Where((_, i) => owners[i] is null)
            .Select(claim => _cache.WriteAsync(storage, claim.Key, new OwnershipClaim(instanceId, claim.Target), StorageJsonContext.Default.OwnershipClaim, cancellationToken)))
            .ConfigureAwait(false);
    }

    /// <summary>Releases the targets of <paramref name="set"/> that <paramref name="instanceId"/> owns; others' claims stay.</summary>
    public async Task ReleaseAsync(IStorage storage, string instanceId, RenderedSet set, CancellationToken cancellationToken)
    {
        var targets = KeyedTargets(set);
        using var locked = await _targetLocks.AcquireAllAsync(targets.Select(claim => claim.Key), cancellationToken).ConfigureAwait(false);
        var owners = await ReadOwnersAsync(storage, targets, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(targets
            .Where((_, i) => owners[i]?.InstanceId == instanceId)
            .Select(claim => _cache.DeleteAsync(storage, claim.Key, cancellationToken)))
            .ConfigureAwait(false);
    }

    /// <summary>The targets of <paramref name="before"/> that <paramref name="after"/> no longer has.</summary>
    public static RenderedSet Dropped(RenderedSet before, RenderedSet after) =>
        new([.. before.Policies.Where(policy => after.Policies.All(kept => kept.Name != policy.Name))],
            [.. before.Objects.Where(item => after.Objects.All(kept => kept.Path != item.Path))]);

    public static string KeyOf(string target) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target)));

    /// <summary>Policy names and object paths live in different namespaces of Vault, so they are claimed apart.</summary>
    public static IEnumerable<string> Targets(RenderedSet set) =>
        set.Policies.Select(policy => "policy:" + policy.Name).Concat(set.Objects.Select(item => "object:" + item.Path));

    private static List<(string Key, string Target)> KeyedTargets(RenderedSet set) =>
        [.. Targets(set).Select(target => (KeyOf(target), target))];

    private Task<OwnershipClaim?[]> ReadOwnersAsync(IStorage storage, List<(string Key, string Target)> targets, CancellationToken cancellationToken) =>
        Task.WhenAll(targets.Select(claim => _cache.ReadAsync(storage, claim.Key, StorageJsonContext.Default.OwnershipClaim, cancellationToken)));

    private static string Describe(string target) =>
        target.StartsWith("policy:", StringComparison.Ordinal) ? "policy name " + target["policy:".Length..] : "object path " + target["object:".Length..];
}

/// <summary>The stored form of one claim: the owning instance and what it owns (kept readable for operators).</summary>
public sealed record OwnershipClaim(string InstanceId, string Target);
