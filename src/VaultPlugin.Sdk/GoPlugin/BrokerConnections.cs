using System.Collections.Concurrent;
using VaultPlugin.Sdk.Protocol.GoPlugin;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// Listener announcements the host sends on the broker stream, by service id. The announcement for a Setup's
/// broker id may arrive before or after Setup starts (docs/protocol.md §4.3), so both sides meet here.
/// </summary>
internal sealed class BrokerConnections
{
    /// <summary>go-plugin waits 5 s for connection info; so do we.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<uint, TaskCompletionSource<ConnInfo>> _pending = new();

    public void Announce(ConnInfo info) => Slot(info.ServiceId).TrySetResult(info);

    public async Task<ConnInfo> WaitForAsync(uint serviceId, CancellationToken cancellationToken)
    {
        try
        {
            return await Slot(serviceId).Task.WaitAsync(WaitLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"timeout waiting for connection info for broker id {serviceId}");
        }
        finally
        {
            _pending.TryRemove(serviceId, out _);
        }
    }

    private TaskCompletionSource<ConnInfo> Slot(uint serviceId) =>
        _pending.GetOrAdd(serviceId, _ => new TaskCompletionSource<ConnInfo>(TaskCreationOptions.RunContinuationsAsynchronously));
}
