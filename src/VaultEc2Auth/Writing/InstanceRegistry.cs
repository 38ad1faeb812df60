using VaultEc2Auth.Storage;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Writing;

/// <summary>Intent before effect: records what a login will write before the writer touches Vault.</summary>
public sealed class InstanceRegistry(TimeProvider clock)
{
    public const string Prefix = "instances/";

    /// <summary>Records a node keeps in memory: each holds the instance's rendered set (a few KiB at most).</summary>
    public const int CachedRecords = 2048;

    // Every write of instances/ goes through here, so the copy stays exact (RecordCache).
    private readonly RecordCache _cache = new(Prefix, CachedRecords);

    /// <summary>Which instance owns each generated policy name and object path; claimed with the intent.</summary>
    public OwnershipIndex Owners { get; } = new();

    public Task<InstanceRecord?> GetAsync(IStorage storage, string instanceId, CancellationToken cancellationToken) =>
        _cache.ReadAsync(storage, Prefix + instanceId, StorageJsonContext.Default.InstanceRecord, cancellationToken);

    /// <summary>Vault's InvalidateKey: another node changed <paramref name="key"/> (a record or an ownership claim).</summary>
    public void Invalidate(string key)
    {
        _cache.Invalidate(key);
        Owners.Invalidate(key);
    }

    /// <summary>What the writer must treat as already in Vault: the applied set plus anything a crashed login may have written.</summary>
    public static RenderedSet Previous(InstanceRecord? record) => record is null ? RenderedSet.Empty : record.Applied.Union(record.Pending);

    /// <summary>Every instance id with a record (one storage list).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(IStorage storage, CancellationToken cancellationToken) =>
        [.. (await storage.ListAsync(Prefix, cancellationToken).ConfigureAwait(false)).Where(key => !key.EndsWith('/'))];

    /// <summary>For the tidy: the record as it settled it (pruned, or marked stopped).</summary>
    public Task PutAsync(IStorage storage, InstanceRecord record, CancellationToken cancellationToken) =>
        Write(storage, record, cancellationToken);

    public Task DeleteAsync(IStorage storage, string instanceId, CancellationToken cancellationToken) =>
        _cache.DeleteAsync(storage, Prefix + instanceId, cancellationToken);

    public async Task<InstanceRecord> RecordIntentAsync(IStorage storage, InstanceRecord? existing, InstanceIdentity instance, RenderedSet desired, CancellationToken cancellationToken)
    {
        var record = new InstanceRecord(instance.InstanceId, instance.AccountId, instance.Region, instance.Role,
            Previous(existing), desired, clock.GetUtcNow())
        {
            CloudProvider = instance.CloudProvider,
            Zone = instance.Zone,
        };
        await Write(storage, record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    public Task ConfirmAsync(IStorage storage, InstanceRecord intent, CancellationToken cancellationToken) =>
        Write(storage, intent with { Applied = intent.Pending ?? intent.Applied, Pending = null, UpdatedTime = clock.GetUtcNow() }, cancellationToken);

    /// <summary>After a failed apply the writer has removed what it wrote: only the previous state remains.</summary>
    public Task AbandonAsync(IStorage storage, InstanceRecord intent, CancellationToken cancellationToken) =>
        Write(storage, intent with { Pending = null, UpdatedTime = clock.GetUtcNow() }, cancellationToken);

    private Task Write(IStorage storage, InstanceRecord record, CancellationToken cancellationToken) =>
        _cache.WriteAsync(storage, Prefix + record.InstanceId, record, StorageJsonContext.Default.InstanceRecord, cancellationToken);
}

/// <summary>Who a registry record belongs to.</summary>
public sealed record InstanceIdentity(string InstanceId, string AccountId, string Region, string Role)
{
    public string CloudProvider { get; init; } = Identity.CloudProviders.Aws;

    public string? Zone { get; init; }
}
