using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.GoPlugin;
using VaultPlugin.Sdk.Logging;
using VaultPlugin.Sdk.Protocol;
using VaultPlugin.Sdk.Protocol.GoPlugin;
using VaultPlugin.Sdk.Protocol.Health;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>The hand-written gRPC method table serves exactly the methods the protos declare, with their shapes.</summary>
public sealed class PluginGrpcMethodsTests
{
    private static readonly ServiceDescriptor[] ServedServices =
    [
        Health.Descriptor, GRPCBroker.Descriptor, GRPCController.Descriptor, GRPCStdio.Descriptor,
        Protocol.Backend.Descriptor, PluginVersion.Descriptor, PluginMultiplexing.Descriptor,
    ];

    [Fact]
    public async Task Every_method_of_the_served_services_is_mapped_with_its_proto_shape()
    {
        await using var app = MappedApplication();
        var mapped = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
            .OfType<IMethod>()
            .Select(method => Shape(method.ServiceName, method.Name, method.Type, method.GetType().GetGenericArguments()))
            .Order()
            .ToList();

        var declared = ServedServices
            .SelectMany(service => service.Methods)
            .Select(method => Shape(method.Service.FullName, method.Name, Kind(method),
                [method.InputType.ClrType, method.OutputType.ClrType]))
            .Order()
            .ToList();

        Assert.Equal(declared, mapped);
    }

    private static string Shape(string service, string name, MethodType type, Type[] messages) =>
        $"{service}/{name} {type} {messages[0].FullName} -> {messages[1].FullName}";

    private static MethodType Kind(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        (true, true) => MethodType.DuplexStreaming,
    };

    private static WebApplication MappedApplication()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new HclogWriter(Stream.Null, HclogLevel.Off));
        builder.Services.AddSingleton(TransportIdentity.Plaintext);
        builder.Services.AddSingleton(new PluginRuntimeInfo(true, "v0.0.1", new SpecialPathSet([], [], [])));
        builder.Services.AddSingleton<BrokerConnections>();
        builder.Services.AddSingleton<IBackendFactory, UnusedBackend>();
        PluginGrpcServices.Register(builder.Services);
        var app = builder.Build();
        PluginGrpcServices.Map(app);
        return app;
    }

    private sealed class UnusedBackend : IBackendFactory
    {
        public BackendDefinition Create(BackendSetup setup) => throw new InvalidOperationException("not used by this test");
    }
}
