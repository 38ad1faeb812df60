using Grpc.Core;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Protocol;

namespace VaultPlugin.Sdk.Host;

/// <summary>pb.SystemView on the host's broker listener. TTLs arrive as nanoseconds.</summary>
internal sealed class BrokerSystemView(SystemView.SystemViewClient client) : ISystemView
{
    public async Task<TimeSpan> DefaultLeaseTtlAsync(CancellationToken cancellationToken) =>
        FromNanoseconds((await Call(() => client.DefaultLeaseTTLAsync(new Empty(), cancellationToken: cancellationToken)).ConfigureAwait(false)).TTL);

    public async Task<TimeSpan> MaxLeaseTtlAsync(CancellationToken cancellationToken) =>
        FromNanoseconds((await Call(() => client.MaxLeaseTTLAsync(new Empty(), cancellationToken: cancellationToken)).ConfigureAwait(false)).TTL);

    public async Task<bool> LocalMountAsync(CancellationToken cancellationToken) =>
        (await Call(() => client.LocalMountAsync(new Empty(), cancellationToken: cancellationToken)).ConfigureAwait(false)).Local;

    private static TimeSpan FromNanoseconds(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / 100);

    private static async Task<T> Call<T>(Func<AsyncUnaryCall<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw RequestException.Internal($"system view unavailable: {exception.Status.Detail}", exception);
        }
    }
}
