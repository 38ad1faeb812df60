using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace VaultEc2Auth.Sdk.GoPlugin;

/// <summary>
/// Replaces the console lifetime: SIGTERM stops the plugin, SIGINT is ignored as Go plugins ignore it, so that
/// Ctrl-C on a foreground Vault server does not kill plugins before Vault has cleaned them up.
/// </summary>
public sealed class PluginLifetime(IHostApplicationLifetime lifetime) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            lifetime.StopApplication();
        }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
