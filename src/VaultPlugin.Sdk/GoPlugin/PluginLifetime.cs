using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using VaultPlugin.Sdk.Logging;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// Replaces the console lifetime: SIGTERM stops the plugin, SIGINT is ignored as Go plugins ignore it, so that
/// Ctrl-C on a foreground Vault server does not kill plugins before Vault has cleaned them up; and the plugin
/// stops when the Vault that started it dies without stopping it (SIGKILL), instead of living on as an orphan.
/// </summary>
internal sealed class PluginLifetime(IHostApplicationLifetime lifetime, HclogWriter log) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private ParentProcessWatch? _parentWatch;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            lifetime.StopApplication();
        }));
        _parentWatch = ParentProcessWatch.Start(() =>
        {
            log.Write(HclogLevel.Info, "plugin", "the process that started the plugin is gone; stopping");
            lifetime.StopApplication();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _parentWatch?.Dispose();
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
