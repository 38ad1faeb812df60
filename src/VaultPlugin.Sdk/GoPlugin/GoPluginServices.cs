using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using VaultPlugin.Sdk.Protocol.GoPlugin;
using VaultPlugin.Sdk.Protocol.Health;
using Empty = VaultPlugin.Sdk.Protocol.GoPlugin.Empty;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>go-plugin's Ping: the health service answers SERVING for service name <c>plugin</c>.</summary>
internal sealed class HealthService : Health.HealthBase
{
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        Task.FromResult(new HealthCheckResponse
        {
            Status = request.Service is "plugin" or "" ? HealthCheckResponse.Types.ServingStatus.Serving
                : HealthCheckResponse.Types.ServingStatus.ServiceUnknown,
        });
}

/// <summary>
/// The broker stream the host opens right after connecting. The host announces its Storage/SystemView listeners
/// here; an auth plugin offers none, so nothing is sent back. Kept open for the life of the connection.
/// </summary>
internal sealed class BrokerService(BrokerConnections connections) : GRPCBroker.GRPCBrokerBase
{
    public override async Task StartStream(IAsyncStreamReader<ConnInfo> requestStream, IServerStreamWriter<ConnInfo> responseStream, ServerCallContext context)
    {
        try
        {
            await foreach (var info in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                connections.Announce(info);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The host closed the stream: the normal end of a plugin's life.
        }
    }
}

/// <summary>The host's kill sequence calls Shutdown and gives 2 s before SIGKILL: reply, then stop at once.</summary>
internal sealed class ControllerService(IHostApplicationLifetime lifetime) : GRPCController.GRPCControllerBase
{
    public override Task<Empty> Shutdown(Empty request, ServerCallContext context)
    {
        _ = Task.Run(async () =>
        {
            await Task.Delay(10).ConfigureAwait(false);
            lifetime.StopApplication();
        });
        return Task.FromResult(new Empty());
    }
}

/// <summary>go-plugin's stdio relay: we never write stdout after the handshake, so the stream stays open and silent.</summary>
internal sealed class StdioService : GRPCStdio.GRPCStdioBase
{
    public override async Task StreamStdio(Google.Protobuf.WellKnownTypes.Empty request, IServerStreamWriter<StdioData> responseStream, ServerCallContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled by the host or by shutdown: the stream simply ends.
        }
    }
}
