using VaultEc2Auth.Storage;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;
using VaultPlugin.Sdk.Logging;

namespace VaultEc2Auth.Tidy;

/// <summary>
/// Runs the tidy, one run at a time in this process: removes what logins wrote for instances that are gone, and
/// access-list entries past their expiration plus safety_buffer. The run's start is written to storage first, so
/// it doubles as the claim of a periodic run (a standby's read-only storage refuses it) and as <c>tidy/status</c>.
/// </summary>
public sealed class InstanceTidy(TidyParts parts, HclogWriter log)
{
    private int _running;

    public bool IsRunning => Volatile.Read(ref _running) != 0;

    /// <returns>The finished run's report, or null when another run is under way.</returns>
    public async Task<TidyReport?> TryRunAsync(IStorage storage, ISystemView systemView, string trigger, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return null;
        }

        try
        {
            return await RunAsync(storage, systemView, trigger, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public Task<TidyReport?> LastAsync(IStorage storage, CancellationToken cancellationToken) =>
        StoredJson.ReadAsync(storage, TidyReport.StorageKey, StorageJsonContext.Default.TidyReport, cancellationToken);

    private async Task<TidyReport> RunAsync(IStorage storage, ISystemView systemView, string trigger, CancellationToken cancellationToken)
    {
        var clock = parts.Login.Clock;
        var now = clock.GetUtcNow();
        var config = await parts.Config.GetAsync(storage, cancellationToken).ConfigureAwait(false) ?? TidyConfig.Default;
        await SaveAsync(storage, TidyReport.Started(trigger, now), cancellationToken).ConfigureAwait(false);

        var tally = new TidyTally(trigger, now);
        try
        {
            await new TidyPass(parts, storage, systemView, config, now, tally).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestException exception) when (exception.Kind == RequestErrorKind.Storage)
        {
            tally.Report($"stopped: storage failed: {exception.Message}");
        }

        var report = tally.Finish(clock.GetUtcNow());
        await SaveAsync(storage, report, CancellationToken.None).ConfigureAwait(false);
        log.Write(report.Failed > 0 ? HclogLevel.Warn : HclogLevel.Info, "tidy", "tidy finished", [
            new("trigger", trigger), new("checked", Text(report.Checked)), new("removed", Text(report.Removed)),
            new("kept", Text(report.Kept)), new("failed", Text(report.Failed)), new("access_list_removed", Text(report.AccessListRemoved))]);
        foreach (var error in report.Errors)
        {
            log.Write(HclogLevel.Warn, "tidy", "tidy could not settle an instance", [new("error", error)]);
        }

        return report;
    }

    private static Task SaveAsync(IStorage storage, TidyReport report, CancellationToken cancellationToken) =>
        StoredJson.WriteAsync(storage, TidyReport.StorageKey, report, StorageJsonContext.Default.TidyReport, cancellationToken);

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
