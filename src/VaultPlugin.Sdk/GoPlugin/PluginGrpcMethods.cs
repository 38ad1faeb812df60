using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Protocol;
using VaultPlugin.Sdk.Protocol.GoPlugin;
using VaultPlugin.Sdk.Protocol.Health;
using Empty = VaultPlugin.Sdk.Protocol.Empty;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// Every method of the services in protos/ that the plugin serves (Storage and SystemView are the host's), with
/// statically typed registrations. Names are the proto package, service and method names; a test checks this table
/// against the generated descriptors. A method a service does not override answers Unimplemented, as generated.
/// </summary>
internal sealed class PluginGrpcMethods(IServiceProvider services) : IServiceMethodProvider<PluginGrpcServices>
{
    private static readonly IList<object> PostOnly = [new HttpMethodMetadata(["POST"], acceptCorsPreflight: true)];

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<PluginGrpcServices> context)
    {
        var health = services.GetRequiredService<HealthService>();
        Unary(context, "grpc.health.v1.Health", "Check", HealthCheckRequest.Parser, HealthCheckResponse.Parser, health.Check);

        var broker = services.GetRequiredService<BrokerService>();
        context.AddDuplexStreamingMethod(Method(MethodType.DuplexStreaming, "plugin.GRPCBroker", "StartStream", ConnInfo.Parser, ConnInfo.Parser),
            PostOnly, (_, requests, responses, call) => broker.StartStream(requests, responses, call));
        var controller = services.GetRequiredService<ControllerService>();
        Unary(context, "plugin.GRPCController", "Shutdown", Protocol.GoPlugin.Empty.Parser, Protocol.GoPlugin.Empty.Parser, controller.Shutdown);
        var stdio = services.GetRequiredService<StdioService>();
        context.AddServerStreamingMethod(
            Method(MethodType.ServerStreaming, "plugin.GRPCStdio", "StreamStdio", Google.Protobuf.WellKnownTypes.Empty.Parser, StdioData.Parser),
            PostOnly, (_, request, responses, call) => stdio.StreamStdio(request, responses, call));

        var backend = services.GetRequiredService<BackendService>();
        const string Backend = "pb.Backend";
        Unary(context, Backend, "HandleRequest", HandleRequestArgs.Parser, HandleRequestReply.Parser, backend.HandleRequest);
        Unary(context, Backend, "SpecialPaths", Empty.Parser, SpecialPathsReply.Parser, backend.SpecialPaths);
        Unary(context, Backend, "HandleExistenceCheck", HandleExistenceCheckArgs.Parser, HandleExistenceCheckReply.Parser, backend.HandleExistenceCheck);
        Unary(context, Backend, "Cleanup", Empty.Parser, Empty.Parser, backend.Cleanup);
        Unary(context, Backend, "InvalidateKey", InvalidateKeyArgs.Parser, Empty.Parser, backend.InvalidateKey);
        Unary(context, Backend, "Setup", SetupArgs.Parser, SetupReply.Parser, backend.Setup);
        Unary(context, Backend, "Initialize", InitializeArgs.Parser, InitializeReply.Parser, backend.Initialize);
        Unary(context, Backend, "Type", Empty.Parser, TypeReply.Parser, backend.Type);

        var version = services.GetRequiredService<PluginVersionService>();
        Unary(context, "logical.PluginVersion", "Version", Empty.Parser, VersionReply.Parser, version.Version);
        var multiplexing = services.GetRequiredService<MultiplexingService>();
        Unary(context, "pluginutil.multiplexing.PluginMultiplexing", "MultiplexingSupport",
            MultiplexingSupportRequest.Parser, MultiplexingSupportResponse.Parser, multiplexing.MultiplexingSupport);
    }

    private static void Unary<TRequest, TResponse>(ServiceMethodProviderContext<PluginGrpcServices> context, string service, string name,
        MessageParser<TRequest> requests, MessageParser<TResponse> responses, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        context.AddUnaryMethod(Method(MethodType.Unary, service, name, requests, responses), PostOnly,
            (_, request, call) => handler(request, call));

    private static Method<TRequest, TResponse> Method<TRequest, TResponse>(MethodType type, string service, string name,
        MessageParser<TRequest> requests, MessageParser<TResponse> responses)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        new(type, service, name, ProtobufMarshaller.For(requests), ProtobufMarshaller.For(responses));
}
