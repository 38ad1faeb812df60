using VaultEc2Auth.Failures;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Login;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Tidy;

/// <summary>
/// One walk over the instance registry and the access list (design.md §7.1). Verdicts that need no cloud (role
/// deleted, last login too old) come first; the rest are asked of EC2 in batches of <c>batch_size</c> ids per
/// region. Each verdict is carried out under the instance's lock against a fresh read of its record, so a login
/// that happened meanwhile wins.
/// </summary>
internal sealed class TidyPass(TidyParts parts, IStorage storage, ISystemView systemView, TidyConfig config, DateTimeOffset now, TidyTally tally)
{
    private readonly Dictionary<string, TimeSpan> _lifetimes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlySet<string>> _templateNames = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var toDescribe = new List<InstanceRecord>();
        foreach (var instanceId in await parts.Registry.ListAsync(storage, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            InstanceRecord? record;
            try
            {
                record = await parts.Registry.GetAsync(storage, instanceId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsInstanceFailure(exception))
            {
                tally.Fail(1, $"{instanceId}: {Reason(exception)}");
                continue;
            }

            if (record is null)
            {
                continue;
            }

            var role = await parts.Login.Roles.GetAsync(storage, record.Role, cancellationToken).ConfigureAwait(false);
            if (role is null)
            {
                // Its objects go; its access-list entry stays until it expires, so its nonce still binds.
                await SettleAsync(record, TidyVerdict.RemoveAll(dropAccessList: false), cancellationToken).ConfigureAwait(false);
            }
            else if (await IsPastItsLastTokenAsync(record, role, cancellationToken).ConfigureAwait(false))
            {
                await SettleAsync(record, TidyVerdict.RemoveAll(dropAccessList: true), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                toDescribe.Add(record);
            }
        }

        // One DescribeInstances sees one account (through its config/sts role) in one region; Compute, one project's zone.
        foreach (var group in toDescribe.GroupBy(record => (record.CloudProvider, record.AccountId, record.Location)))
        {
            foreach (var batch in group.Chunk(config.BatchSize))
            {
                await SettleBatchAsync(group.Key.CloudProvider, group.Key.AccountId, group.Key.Location, batch, cancellationToken).ConfigureAwait(false);
            }
        }

        await SweepAccessListAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SettleBatchAsync(string cloudProvider, string accountId, string region, InstanceRecord[] batch, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, InstanceState> states;
        try
        {
            states = await parts.Login.DescribeStatesAsync(
                storage, cloudProvider, accountId, region, [.. batch.Select(record => record.InstanceId)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsInstanceFailure(exception))
        {
            tally.Fail(batch.Length, $"{batch.Length} instances in {region} not checked: {Reason(exception)}");
            return;
        }

        foreach (var record in batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = states.TryGetValue(record.InstanceId, out var known) ? known : InstanceState.Unknown;
            await SettleAsync(record, await VerdictAsync(record, state, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TidyVerdict> VerdictAsync(InstanceRecord record, InstanceState state, CancellationToken cancellationToken)
    {
        switch (state)
        {
            case InstanceState.Terminated:
                // It can never log in again: its access-list entry has nothing left to protect.
                return TidyVerdict.RemoveAll(dropAccessList: true);
            case InstanceState.Unknown:
                // Gone as far as these credentials can see, but "unknown" is also what a missing config/sts role or a
                // wrong endpoint looks like: its objects go (its next login writes them again), its nonce still binds.
                return TidyVerdict.RemoveAll(dropAccessList: false);
            case InstanceState.Stopped or InstanceState.Stopping:
                var since = record.StoppedSince ?? now;
                if (now - since >= config.StoppedGrace)
                {
                    // It may start again: its objects are written again at its next login, its nonce still binds.
                    return TidyVerdict.RemoveAll(dropAccessList: false);
                }

                return record.StoppedSince is null ? new TidyVerdict.MarkStopped(now) : new TidyVerdict.Keep();
        }

        var kept = await KeptItemsAsync(record, cancellationToken).ConfigureAwait(false);
        if (record.Pending is not null || kept.Policies.Count < record.Applied.Policies.Count || kept.Objects.Count < record.Applied.Objects.Count)
        {
            // A login that never finished (its pending items), or items of templates deleted since.
            return new TidyVerdict.Settle(kept, DropAccessList: false);
        }

        return record.StoppedSince is null ? new TidyVerdict.Keep() : new TidyVerdict.MarkStopped(null);
    }

    private async Task SettleAsync(InstanceRecord seen, TidyVerdict verdict, CancellationToken cancellationToken)
    {
        if (verdict is TidyVerdict.Keep)
        {
            tally.CountKept();
            return;
        }

        try
        {
            using var instanceLock = await parts.Login.Locks.AcquireAsync(seen.InstanceId, cancellationToken).ConfigureAwait(false);
            var current = await parts.Registry.GetAsync(storage, seen.InstanceId, cancellationToken).ConfigureAwait(false);
            if (current is null || current.UpdatedTime != seen.UpdatedTime || await LoggedInSincePassBeganAsync(seen.InstanceId, cancellationToken).ConfigureAwait(false))
            {
                tally.CountKept();
                return;
            }

            switch (verdict)
            {
                case TidyVerdict.MarkStopped mark:
                    await parts.Registry.PutAsync(storage, current with { StoppedSince = mark.Since }, cancellationToken).ConfigureAwait(false);
                    tally.CountKept();
                    break;
                case TidyVerdict.Settle settle:
                    if (await parts.Removal.RemoveAsync(storage, current, settle.Kept, settle.DropAccessList, cancellationToken).ConfigureAwait(false))
                    {
                        tally.CountAccessListRemoved();
                    }

                    if (settle.Kept.IsEmpty)
                    {
                        tally.CountRemoved();
                    }
                    else
                    {
                        tally.CountKept();
                    }

                    break;
            }
        }
        catch (Exception exception) when (IsInstanceFailure(exception))
        {
            tally.Fail(1, $"{seen.InstanceId}: {Reason(exception)}");
        }
    }

    /// <summary>
    /// A re-login with unchanged objects writes no registry record, only its access-list entry: a login or renewal
    /// that ran while this pass was deciding makes the verdict stale, whatever the record says.
    /// </summary>
    private async Task<bool> LoggedInSincePassBeganAsync(string instanceId, CancellationToken cancellationToken) =>
        await parts.Login.AccessList.GetAsync(storage, instanceId, cancellationToken).ConfigureAwait(false) is { } entry && entry.LastUpdatedTime > now;

    /// <summary>Vault's rule for the access list: an entry goes once its expiration plus safety_buffer has passed, never earlier.</summary>
    private async Task SweepAccessListAsync(CancellationToken cancellationToken)
    {
        foreach (var instanceId in (await storage.ListAsync(AccessList.Prefix, cancellationToken).ConfigureAwait(false)).Where(key => !key.EndsWith('/')))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (!IsPastSafetyBuffer(await parts.Login.AccessList.GetAsync(storage, instanceId, cancellationToken).ConfigureAwait(false)))
                {
                    continue;
                }

                using var instanceLock = await parts.Login.Locks.AcquireAsync(instanceId, cancellationToken).ConfigureAwait(false);
                if (IsPastSafetyBuffer(await parts.Login.AccessList.GetAsync(storage, instanceId, cancellationToken).ConfigureAwait(false)))
                {
                    await parts.Login.AccessList.DeleteAsync(storage, instanceId, cancellationToken).ConfigureAwait(false);
                    tally.CountAccessListRemoved();
                }
            }
            catch (Exception exception) when (IsInstanceFailure(exception))
            {
                tally.Report($"access list {instanceId}: {Reason(exception)}");
            }
        }
    }

    /// <summary>
    /// What fails one instance (or one batch) and is counted, while the pass goes on: a domain failure (EC2, STS or
    /// Vault) or a request error. Storage errors end the pass: a standby's read-only storage must reach Vault unchanged.
    /// </summary>
    private static bool IsInstanceFailure(Exception exception) =>
        exception is DomainFailure or RequestException { Kind: not RequestErrorKind.Storage };

    /// <summary>tidy/status is read by operators: an upstream failure's full detail (never a token) helps them most.</summary>
    private static string Reason(Exception exception) => exception is UpstreamFailure upstream ? upstream.Detail : exception.Message;

    private bool IsPastSafetyBuffer(AccessListEntry? entry) => entry is not null && now > entry.ExpirationTime + config.SafetyBuffer;

    /// <summary>
    /// The instance's last login or renewal is older than the longest token it could have got plus safety_buffer:
    /// whatever token it holds is dead. Without an access-list entry the record's own time counts.
    /// </summary>
    private async Task<bool> IsPastItsLastTokenAsync(InstanceRecord record, RoleEntry role, CancellationToken cancellationToken)
    {
        var entry = await parts.Login.AccessList.GetAsync(storage, record.InstanceId, cancellationToken).ConfigureAwait(false);
        if (entry is not null)
        {
            return IsPastSafetyBuffer(entry);
        }

        if (!_lifetimes.TryGetValue(role.Name, out var lifetime))
        {
            lifetime = await AccessList.LifetimeAsync(systemView, role, cancellationToken).ConfigureAwait(false);
            _lifetimes[role.Name] = lifetime;
        }

        return now > record.UpdatedTime + lifetime + config.SafetyBuffer;
    }

    /// <summary>The applied items whose template still exists (items recorded before templates were named are kept).</summary>
    private async Task<RenderedSet> KeptItemsAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        if (!_templateNames.TryGetValue(record.Role, out var names))
        {
            names = (await parts.Login.Roles.ListTemplatesAsync(storage, record.Role, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
            _templateNames[record.Role] = names;
        }

        return new RenderedSet(
            [.. record.Applied.Policies.Where(policy => policy.Template is null || names.Contains(policy.Template))],
            [.. record.Applied.Objects.Where(item => item.Template is null || names.Contains(item.Template))]);
    }
}
