using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VaultPlugin.Sdk.Backend;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// The gRPC services a plugin serves, one instance each for the life of the process, mapped as one ASP.NET Core
/// gRPC service type whose methods come from <see cref="PluginGrpcMethods"/>. gRPC's own discovery (reflection,
/// or the generated BindService) registers each method through a generic virtual call, which Native AOT resolves
/// by building types at run time: ~7 ms of every start for our 14 methods.
/// </summary>
internal sealed class PluginGrpcServices
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<HealthService>();
        services.AddSingleton<BrokerService>();
        services.AddSingleton<ControllerService>();
        services.AddSingleton<StdioService>();
        // One backend per process: it holds the mount's state.
        services.AddSingleton<BackendService>();
        services.AddSingleton<PluginVersionService>();
        services.AddSingleton<MultiplexingService>();
        // gRPC activates this type per call; the handlers are bound to the singletons above and ignore it.
        services.AddSingleton<PluginGrpcServices>();
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.AddSingleton<IServiceMethodProvider<PluginGrpcServices>, PluginGrpcMethods>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<PluginGrpcServices>();
}
