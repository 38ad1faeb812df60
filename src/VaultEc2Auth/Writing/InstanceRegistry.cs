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
    public static RenderedSet Previous(InstanceRecord? record)
    {
        if (record is null)
        {
            return RenderedSet.Empty;
        }

        if (record.Pending is not { } pending)
        {
            return record.Applied;
        }

        var policies = record.Applied.Policies.ToList();
        policies.AddRange(pending.Policies.Where(candidate => policies.All(policy => policy.Name != candidate.Name)));
        var objects = record.Applied.Objects.ToList();
        objects.AddRange(pending.Objects.Where(candidate => objects.All(item => item.Path != candidate.Path)));
        return new RenderedSet(policies, objects);
    }

    public async Task<InstanceRecord> RecordIntentAsync(IStorage storage, InstanceRecord? existing, InstanceIdentity instance, RenderedSet desired, CancellationToken cancellationToken)
    {
        var record = new InstanceRecord(instance.InstanceId, instance.AccountId, instance.Region, instance.Role,
            Previous(existing), desired, clock.GetUtcNow());
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
public sealed record InstanceIdentity(string InstanceId, string AccountId, string Region, string Role);
