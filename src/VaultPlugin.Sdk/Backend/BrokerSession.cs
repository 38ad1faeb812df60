using Grpc.Net.Client;
using VaultPlugin.Sdk.GoPlugin;
using VaultPlugin.Sdk.Host;

namespace VaultPlugin.Sdk.Backend;

/// <summary>The one connection to the host's broker listener that carries Storage and SystemView for a Setup.</summary>
internal sealed class BrokerSession(BrokerConnections broker, TransportIdentity identity) : IDisposable
{
    private GrpcChannel? _channel;

    public async Task<(IStorage Storage, ISystemView SystemView)> ConnectAsync(uint brokerId, CancellationToken cancellationToken)
    {
        var info = await broker.WaitForAsync(brokerId, cancellationToken).ConfigureAwait(false);
        var channel = new BrokerDialer(identity).Dial(info);
        Interlocked.Exchange(ref _channel, channel)?.Dispose();
        return (new BrokerStorage(new Protocol.Storage.StorageClient(channel)), new BrokerSystemView(new Protocol.SystemView.SystemViewClient(channel)));
    }

    public void Dispose() => Interlocked.Exchange(ref _channel, null)?.Dispose();
}
