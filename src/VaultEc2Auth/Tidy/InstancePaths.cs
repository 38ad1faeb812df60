using System.Globalization;
using System.Text.Json.Nodes;
using VaultEc2Auth.Login;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tidy;

/// <summary>
/// <c>instances/</c> (list), <c>instances/&lt;instance_id&gt;</c> (read, delete): what the plugin wrote into Vault for
/// each instance. Reads show names and paths, never the written content, nonce hashes or anything secret.
/// </summary>
public sealed class InstancePaths(InstanceRegistry registry, AccessList accessList, InstanceLocks locks, InstanceRemoval removal)
{
    public IEnumerable<PathDefinition> Definitions =>
    [
        new()
        {
            Pattern = new PathPattern("instances/"),
            Operations = new Dictionary<string, PathOperation> { [Operations.List] = new(ListAsync, "List the instances the plugin wrote for.") },
            HelpSynopsis = "List the instances the plugin has written policies or objects for.",
            HelpDescription = "Lists the instance ids of the instance registry: every instance whose login wrote into Vault and that the tidy has not removed yet.",
        },
        new()
        {
            Pattern = new PathPattern("instances/{instance_id}"),
            Fields = new Dictionary<string, FieldSchema> { ["instance_id"] = new(FieldType.Name, "The EC2 instance id.") },
            Operations = new Dictionary<string, PathOperation>
            {
                [Operations.Read] = new(ReadAsync, "Read what the plugin wrote for an instance."),
                [Operations.Delete] = new(DeleteAsync, "Remove what the plugin wrote for an instance, now."),
            },
            HelpSynopsis = "What the plugin wrote into Vault for one instance; delete removes it now.",
            HelpDescription = """
                Read: the role and templates the instance's policies and objects were rendered from, their policy names
                and object paths, when they were written, what a login that never finished was about to write
                (pending), since when the tidy has seen the instance stopped, and the instance's first and last login
                from the access list. No content and no nonce.
                Delete: removes the instance's policies and objects from Vault and its record, at once; its access-list
                entry stays (its nonce still binds) until the tidy drops it. A login writes them again. Objects of a
                deleted role or template go at the next tidy (a deleted template's also at the instance's next login
                or renewal).
                """,
        },
    ];

    private async Task<LogicalResponse?> ListAsync(RequestContext context, FieldData fields) =>
        LogicalResponse.ListOf(await registry.ListAsync(context.Storage, context.CancellationToken).ConfigureAwait(false));

    private async Task<LogicalResponse?> ReadAsync(RequestContext context, FieldData fields)
    {
        var instanceId = fields.RequireString("instance_id");
        var record = await registry.GetAsync(context.Storage, instanceId, context.CancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var entry = await accessList.GetAsync(context.Storage, instanceId, context.CancellationToken).ConfigureAwait(false);
        var all = record.Applied.Union(record.Pending);
        var data = new JsonObject
        {
            ["instance_id"] = record.InstanceId,
            ["account_id"] = record.AccountId,
            ["region"] = record.Region,
            ["role"] = record.Role,
            ["templates"] = Strings(all.Policies.Select(policy => policy.Template).Concat(all.Objects.Select(item => item.Template)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            ["policies"] = Strings(record.Applied.Policies.Select(policy => policy.Name)),
            ["objects"] = Strings(record.Applied.Objects.Select(item => item.Path)),
            ["pending_policies"] = Strings(record.Pending?.Policies.Select(policy => policy.Name) ?? []),
            ["pending_objects"] = Strings(record.Pending?.Objects.Select(item => item.Path) ?? []),
            ["updated_time"] = Time(record.UpdatedTime),
            ["stopped_since"] = record.StoppedSince is { } since ? Time(since) : "",
            ["first_login_time"] = entry is null ? "" : Time(entry.CreationTime),
            ["last_login_time"] = entry is null ? "" : Time(entry.LastUpdatedTime),
            ["access_list_expiration_time"] = entry is null ? "" : Time(entry.ExpirationTime),
        };
        return LogicalResponse.WithData(data);
    }

    private async Task<LogicalResponse?> DeleteAsync(RequestContext context, FieldData fields)
    {
        var instanceId = fields.RequireString("instance_id");
        using var instanceLock = await locks.AcquireAsync(instanceId, context.CancellationToken).ConfigureAwait(false);
        var record = await registry.GetAsync(context.Storage, instanceId, context.CancellationToken).ConfigureAwait(false);
        if (record is not null)
        {
            await removal.RemoveAsync(context.Storage, record, RenderedSet.Empty, dropAccessList: false, context.CancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode)value);
        }

        return array;
    }

    private static string Time(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
