using VaultEc2Auth.Storage;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;
using VaultPlugin.Sdk.Logging;

namespace VaultEc2Auth.Tidy;

/// <summary>
/// The periodic tidy, driven by Vault's rollback request (every minute): once <c>interval</c> has passed since the
/// last run's start (kept in storage, so the nodes of a cluster do not pile up), a tidy starts in the background and
/// the rollback answers at once. A standby's read-only storage refuses the run's first write: skipped quietly.
/// </summary>
public sealed class TidySchedule(InstanceTidy tidy, CachedEntry<TidyConfig> config, TimeProvider clock, HclogWriter log) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _background = Task.CompletedTask;

    public async Task OnRollbackAsync(RequestContext context)
    {
        if (tidy.IsRunning || _stopping.IsCancellationRequested)
        {
            return;
        }

        var settings = await config.GetAsync(context.Storage, context.CancellationToken).ConfigureAwait(false) ?? TidyConfig.Default;
        if (settings.DisablePeriodicTidy)
        {
            return;
        }

        var last = await tidy.LastAsync(context.Storage, context.CancellationToken).ConfigureAwait(false);
        if (last is not null && clock.GetUtcNow() - last.StartTime < settings.Interval)
        {
            return;
        }

        // Not the request's token: the rollback request ends now, the tidy goes on until done or Cleanup.
        var (storage, systemView) = (context.Storage, context.SystemView);
        _background = Task.Run(() => RunAsync(storage, systemView), CancellationToken.None);
    }

    /// <summary>Cleanup: stop a running tidy between two instances and wait for it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _background.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(IStorage storage, ISystemView systemView)
    {
        try
        {
            await tidy.TryRunAsync(storage, systemView, "periodic", _stopping.Token).ConfigureAwait(false);
        }
        catch (RequestException exception) when (exception.Kind == RequestErrorKind.Storage)
        {
            log.Write(HclogLevel.Debug, "tidy", "periodic tidy skipped: storage refused the write (a standby's is read-only)", [new("error", exception.Message)]);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            log.Write(HclogLevel.Info, "tidy", "periodic tidy stopped: the backend is cleaning up");
        }
        catch (Exception exception)
        {
            // A background task has no caller to fail: the error goes to Vault's log, the next rollback tries again.
            log.Write(HclogLevel.Error, "tidy", "periodic tidy failed", [new("error", $"{exception.GetType().Name}: {exception.Message}")]);
        }
    }
}
