using VaultEc2Auth.Sdk.Host;
using VaultEc2Auth.Storage;

namespace VaultEc2Auth.Writing;

/// <summary>Intent before effect: records what a login will write before the writer touches Vault.</summary>
public sealed class InstanceRegistry(TimeProvider clock)
{
    public const string Prefix = "instances/";

    /// <summary>Which instance owns each generated policy name and object path; claimed with the intent.</summary>
    public OwnershipIndex Owners { get; } = new();

    public Task<InstanceRecord?> GetAsync(IStorage storage, string instanceId, CancellationToken cancellationToken) =>
        StoredJson.ReadAsync(storage, Prefix + instanceId, StorageJsonContext.Default.InstanceRecord, cancellationToken);

    /// <summary>What the writer must treat as already in Vault: the applied set plus anything a crashed login may have written.</summary>
    public static RenderedSet Previous(InstanceRecord? record) => record is null ? RenderedSet.Empty : record.Applied.Union(record.Pending);

    /// <summary>Every instance id with a record (one storage list).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(IStorage storage, CancellationToken cancellationToken) =>
        [.. (await storage.ListAsync(Prefix, cancellationToken).ConfigureAwait(false)).Where(key => !key.EndsWith('/'))];

    /// <summary>For the tidy: the record as it settled it (pruned, or marked stopped).</summary>
    public Task PutAsync(IStorage storage, InstanceRecord record, CancellationToken cancellationToken) =>
        StoredJson.WriteAsync(storage, Prefix + record.InstanceId, record, StorageJsonContext.Default.InstanceRecord, cancellationToken);

    public Task DeleteAsync(IStorage storage, string instanceId, CancellationToken cancellationToken) =>
        storage.DeleteAsync(Prefix + instanceId, cancellationToken);

    public async Task<InstanceRecord> RecordIntentAsync(IStorage storage, InstanceRecord? existing, InstanceIdentity instance, RenderedSet desired, CancellationToken cancellationToken)
    {
        var record = new InstanceRecord(instance.InstanceId, instance.AccountId, instance.Region, instance.Role,
            Previous(existing), desired, clock.GetUtcNow())
        {
            CloudProvider = instance.CloudProvider,
            Zone = instance.Zone,
        };
        await StoredJson.WriteAsync(storage, Prefix + instance.InstanceId, record, StorageJsonContext.Default.InstanceRecord, cancellationToken).ConfigureAwait(false);
        return record;
    }

    public Task ConfirmAsync(IStorage storage, InstanceRecord intent, CancellationToken cancellationToken) =>
        StoredJson.WriteAsync(storage, Prefix + intent.InstanceId,
            intent with { Applied = intent.Pending ?? intent.Applied, Pending = null, UpdatedTime = clock.GetUtcNow() },
            StorageJsonContext.Default.InstanceRecord, cancellationToken);

    /// <summary>After a failed apply the writer has removed what it wrote: only the previous state remains.</summary>
    public Task AbandonAsync(IStorage storage, InstanceRecord intent, CancellationToken cancellationToken) =>
        StoredJson.WriteAsync(storage, Prefix + intent.InstanceId, intent with { Pending = null, UpdatedTime = clock.GetUtcNow() },
            StorageJsonContext.Default.InstanceRecord, cancellationToken);
}

/// <summary>Who a registry record belongs to.</summary>
public sealed record InstanceIdentity(string InstanceId, string AccountId, string Region, string Role)
{
    public string CloudProvider { get; init; } = Identity.CloudProviders.Aws;

    public string? Zone { get; init; }
}
