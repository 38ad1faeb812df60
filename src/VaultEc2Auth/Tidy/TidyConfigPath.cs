using System.Text.Json.Nodes;
using VaultEc2Auth.Storage;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tidy;

/// <summary><c>config/tidy</c> (read, create/update, delete): the tidy's schedule and how long it waits before removing.</summary>
public sealed class TidyConfigPath(CachedEntry<TidyConfig> entry)
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    public PathDefinition Definition => new()
    {
        Pattern = new PathPattern("config/tidy"),
        Fields = new Dictionary<string, FieldSchema>
        {
            ["safety_buffer"] = new(FieldType.Duration, "Extra time past an instance's last possible token expiry (and an access-list entry's expiration) before the tidy removes it. Default 72h.") { Default = "72h" },
            ["interval"] = new(FieldType.Duration, "Least time between two periodic tidies, started by Vault's rollback request. Default 1h, at least 1m.") { Default = "1h" },
            ["disable_periodic_tidy"] = new(FieldType.Bool, "Never tidy on Vault's rollback; tidy/instances still works."),
            ["stopped_grace"] = new(FieldType.Duration, "How long an instance may stay stopped before the tidy removes its objects (they are written again at its next login). Default 72h.") { Default = "72h" },
            ["batch_size"] = new(FieldType.Int, "Instance ids per EC2 DescribeInstances call, 1 to 100. Default 100.") { Default = TidyConfig.MaxBatchSize },
        },
        ExistenceCheck = async (context, _) => await entry.GetAsync(context.Storage, context.CancellationToken).ConfigureAwait(false) is not null,
        Operations = new Dictionary<string, PathOperation>
        {
            [Operations.Read] = new(ReadAsync, "Read the tidy configuration."),
            [Operations.Create] = new(WriteAsync, "Configure the tidy."),
            [Operations.Update] = new(WriteAsync, "Configure the tidy."),
            [Operations.Delete] = new(DeleteAsync, "Return the tidy configuration to its defaults."),
        },
        HelpSynopsis = "Configure when the tidy runs and how long it waits before removing what logins wrote.",
        HelpDescription = """
            The tidy (tidy/instances, or periodically on Vault's rollback request once interval has passed since the
            last run) removes the policies and objects logins wrote for instances that EC2 reports terminated or does
            not know, that stayed stopped longer than stopped_grace, or whose last login or renewal is older than
            their longest possible token lifetime plus safety_buffer; then their instance records. Access-list
            entries are dropped once their expiration plus safety_buffer has passed, never earlier. Durations read
            back as integer seconds.
            """,
    };

    private async Task<LogicalResponse?> ReadAsync(RequestContext context, FieldData fields)
    {
        var config = await entry.GetAsync(context.Storage, context.CancellationToken).ConfigureAwait(false) ?? TidyConfig.Default;
        return LogicalResponse.WithData(new JsonObject
        {
            ["safety_buffer"] = config.SafetyBufferSeconds,
            ["interval"] = config.IntervalSeconds,
            ["disable_periodic_tidy"] = config.DisablePeriodicTidy,
            ["stopped_grace"] = config.StoppedGraceSeconds,
            ["batch_size"] = config.BatchSize,
        });
    }

    private async Task<LogicalResponse?> WriteAsync(RequestContext context, FieldData fields)
    {
        var existing = await entry.GetAsync(context.Storage, context.CancellationToken).ConfigureAwait(false) ?? TidyConfig.Default;
        long Seconds(string name, long current) => fields.IsSet(name) ? (long)fields.GetDuration(name).TotalSeconds : current;

        var config = new TidyConfig(
            SafetyBufferSeconds: Seconds("safety_buffer", existing.SafetyBufferSeconds),
            IntervalSeconds: Seconds("interval", existing.IntervalSeconds),
            DisablePeriodicTidy: fields.IsSet("disable_periodic_tidy") ? fields.GetBool("disable_periodic_tidy") : existing.DisablePeriodicTidy,
            StoppedGraceSeconds: Seconds("stopped_grace", existing.StoppedGraceSeconds),
            BatchSize: fields.IsSet("batch_size") ? BatchSize(fields.GetInt("batch_size")) : existing.BatchSize);

        if (config.Interval < MinimumInterval)
        {
            throw RequestException.BadRequest("interval must be at least 1m (Vault sends rollback once a minute)");
        }

        await entry.PutAsync(context.Storage, config, context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task<LogicalResponse?> DeleteAsync(RequestContext context, FieldData fields)
    {
        await entry.DeleteAsync(context.Storage, context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private static int BatchSize(long value) => value is >= 1 and <= TidyConfig.MaxBatchSize
        ? (int)value
        : throw RequestException.BadRequest($"batch_size must be between 1 and {TidyConfig.MaxBatchSize}");
}
