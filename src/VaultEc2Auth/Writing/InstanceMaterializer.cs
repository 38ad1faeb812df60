using VaultEc2Auth.Config;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Templates;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Writing;

/// <summary>
/// Steps 5–8 of a login (design.md §2): render the role's templates for the instance, record the intent, make Vault
/// hold exactly that (all or nothing, unchanged items skipped), then confirm. Renewal runs the same steps and also
/// reads an unchanged set back from Vault, so an object someone deleted is written again.
/// </summary>
public sealed class InstanceMaterializer(RoleStore roles, ITemplateRenderer renderer, VaultWriterSource writers, InstanceRegistry registry)
{
    /// <summary>Whether the registry still holds what logins wrote for the instance (the tidy and DELETE instances/&lt;id&gt; remove it).</summary>
    public async Task<bool> HasRecordAsync(IStorage storage, string instanceId, CancellationToken cancellationToken) =>
        await registry.GetAsync(storage, instanceId, cancellationToken).ConfigureAwait(false) is not null;

    /// <param name="checkUnchangedInVault">
    /// False at login: a set whose rendering equals the confirmed registry record is trusted without asking Vault
    /// (the plugin wrote and confirmed exactly that; changing it in Vault needs a Vault operator's rights, and a
    /// deleted policy only takes rights away). Renewal passes true and puts back whatever is missing or altered.
    /// </param>
    public async Task<RenderedSet> ApplyAsync(IStorage storage, TemplateVariables variables, RoleEntry role, bool checkUnchangedInVault, CancellationToken cancellationToken)
    {
        var (config, writer) = await writers.GetAsync(storage, cancellationToken).ConfigureAwait(false);
        var templates = await roles.TemplatesOfAsync(storage, role.Name, cancellationToken).ConfigureAwait(false);
        var desired = renderer.Render(templates, variables, config.PolicyPrefix);
        // The record is read in the claims' round trip (one step of latency instead of two); a failed read claims nothing.
        var recorded = registry.GetAsync(storage, variables.InstanceId, cancellationToken);
        await registry.Owners.ClaimAsync(storage, variables.InstanceId, desired, recorded, cancellationToken).ConfigureAwait(false);
        var existing = await recorded.ConfigureAwait(false);

        if (existing is { Pending: null } && existing.Role == role.Name && RenderedSetComparer.SameContent(existing.Applied, desired))
        {
            // Unchanged: no intent to record; the writer only checks presence and restores what someone deleted.
            if (checkUnchangedInVault)
            {
                await writer.ApplyAsync(existing.Applied, desired, cancellationToken).ConfigureAwait(false);
            }
            return desired;
        }

        var identity = new InstanceIdentity(variables.InstanceId, variables.AccountId, variables.Region, role.Name)
        {
            CloudProvider = variables.CloudProvider,
            Zone = variables.CloudProvider == Identity.CloudProviders.Gce ? variables.AvailabilityZone : null,
        };
        var intent = await registry.RecordIntentAsync(storage, existing, identity, desired, cancellationToken).ConfigureAwait(false);
        try
        {
            await writer.ApplyAsync(intent.Applied, desired, cancellationToken).ConfigureAwait(false);
        }
        catch (DomainFailure)
        {
            await registry.AbandonAsync(storage, intent, CancellationToken.None).ConfigureAwait(false);
            await registry.Owners.ReleaseAsync(storage, variables.InstanceId, OwnershipIndex.Dropped(desired, intent.Applied), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await registry.ConfirmAsync(storage, intent, cancellationToken).ConfigureAwait(false);
        await registry.Owners.ReleaseAsync(storage, variables.InstanceId, OwnershipIndex.Dropped(intent.Applied, desired), cancellationToken).ConfigureAwait(false);
        return desired;
    }
}
