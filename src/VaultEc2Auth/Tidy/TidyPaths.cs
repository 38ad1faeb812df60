using System.Globalization;
using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tidy;

/// <summary><c>tidy/instances</c> (update: run a tidy now) and <c>tidy/status</c> (read: the last run).</summary>
public sealed class TidyPaths(InstanceTidy tidy)
{
    public IEnumerable<PathDefinition> Definitions =>
    [
        new()
        {
            Pattern = new PathPattern("tidy/instances"),
            Operations = new Dictionary<string, PathOperation> { [Operations.Update] = new(RunAsync, "Run a tidy now and return its counts.") },
            HelpSynopsis = "Remove what logins wrote for instances that are gone, now.",
            HelpDescription = """
                Walks the instance registry. An instance loses its generated policies and objects in Vault, then its
                instance record, when EC2 reports it terminated or does not know it (its access-list entry goes too),
                when it stayed stopped longer than stopped_grace, when its role was deleted, or when its last login or
                renewal is older than its longest possible token lifetime plus safety_buffer (config/tidy). Items of a
                deleted template, and what a login that never finished (a crash) wrote, are removed from instances
                that stay. Access-list entries past their expiration plus safety_buffer are dropped in the same pass.
                EC2 is asked in batches (batch_size ids per DescribeInstances call), with backoff when throttled.
                Returns checked, removed, kept and failed; an instance whose removal failed keeps its record and is
                tried again by the next tidy. Only one tidy runs at a time: a second request gets 409 at once.
                """,
        },
        new()
        {
            Pattern = new PathPattern("tidy/status"),
            Operations = new Dictionary<string, PathOperation> { [Operations.Read] = new(StatusAsync, "Read the last tidy's start, end, counts and errors.") },
            HelpSynopsis = "The last tidy run: when it started and ended, what triggered it, its counts and errors.",
            HelpDescription = """
                Shows the last tidy run, periodic or requested: trigger, start_time, end_time (empty while it runs),
                running, checked, removed, kept, failed, access_list_removed and errors. Not found before the first run.
                """,
        },
    ];

    private async Task<LogicalResponse?> RunAsync(RequestContext context, FieldData fields)
    {
        var report = await tidy.TryRunAsync(context.Storage, context.SystemView, "tidy/instances", context.CancellationToken).ConfigureAwait(false)
                     ?? throw RequestException.Coded(409, "a tidy is already running: see tidy/status");
        return LogicalResponse.WithData(Describe(report, running: false));
    }

    private async Task<LogicalResponse?> StatusAsync(RequestContext context, FieldData fields)
    {
        var report = await tidy.LastAsync(context.Storage, context.CancellationToken).ConfigureAwait(false);
        return report is null ? null : LogicalResponse.WithData(Describe(report, running: report.EndTime is null && tidy.IsRunning));
    }

    private static JsonObject Describe(TidyReport report, bool running)
    {
        var errors = new JsonArray();
        foreach (var error in report.Errors)
        {
            errors.Add((JsonNode)error);
        }

        return new JsonObject
        {
            ["trigger"] = report.Trigger,
            ["start_time"] = report.StartTime.ToString("O", CultureInfo.InvariantCulture),
            ["end_time"] = report.EndTime?.ToString("O", CultureInfo.InvariantCulture) ?? "",
            ["running"] = running,
            ["checked"] = report.Checked,
            ["removed"] = report.Removed,
            ["kept"] = report.Kept,
            ["failed"] = report.Failed,
            ["access_list_removed"] = report.AccessListRemoved,
            ["errors"] = errors,
        };
    }
}
