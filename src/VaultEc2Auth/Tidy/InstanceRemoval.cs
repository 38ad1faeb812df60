using VaultEc2Auth.Config;
using VaultEc2Auth.Login;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Tidy;

/// <summary>
/// The one place where what a login wrote leaves Vault again (the tidy and <c>DELETE instances/&lt;id&gt;</c>):
/// removes the record's applied and pending items except those kept, then settles the record. Callers hold the
/// instance's lock. A failed removal throws before the record changes, so the next tidy tries again.
/// </summary>
public sealed class InstanceRemoval(VaultWriterSource writers, InstanceRegistry registry, AccessList accessList)
{
    /// <returns>Whether an access-list entry was dropped.</returns>
    public async Task<bool> RemoveAsync(IStorage storage, InstanceRecord record, RenderedSet kept, bool dropAccessList, CancellationToken cancellationToken)
    {
        var doomed = record.Applied.Union(record.Pending).Except(kept);
        if (!doomed.IsEmpty)
        {
            var (_, writer) = await writers.GetAsync(storage, cancellationToken).ConfigureAwait(false);
            await writer.RemoveAsync(doomed, cancellationToken).ConfigureAwait(false);
        }

        // Only once they are gone from Vault may another instance claim these names and paths.
        await registry.Owners.ReleaseAsync(storage, record.InstanceId, doomed, cancellationToken).ConfigureAwait(false);

        if (kept.IsEmpty)
        {
            await registry.DeleteAsync(storage, record.InstanceId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await registry.PutAsync(storage, record with { Applied = kept, Pending = null, StoppedSince = null }, cancellationToken).ConfigureAwait(false);
        }

        if (!dropAccessList || await accessList.GetAsync(storage, record.InstanceId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await accessList.DeleteAsync(storage, record.InstanceId, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
