using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VaultEc2Auth.Sdk.Backend;
using VaultEc2Auth.Sdk.Protocol;
using VaultEc2Auth.Sdk.Protocol.GoPlugin;
using VaultEc2Auth.Sdk.Protocol.Health;

namespace VaultEc2Auth.Sdk.GoPlugin;

/// <summary>
/// The gRPC services a plugin serves, one instance each for the life of the process. They are mapped as bound
/// <c>ServerServiceDefinition</c>s rather than with <c>MapGrpcService&lt;T&gt;</c>: that binder finds each
/// service's methods by reflection, builds generic handler types per service at run time and activates a service
/// instance per call, which cost ~5 ms of every Native AOT start.
/// </summary>
internal static class PluginGrpcServices
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
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        endpoints.MapGrpcService(Health.BindService(services.GetRequiredService<HealthService>()));
        endpoints.MapGrpcService(GRPCBroker.BindService(services.GetRequiredService<BrokerService>()));
        endpoints.MapGrpcService(GRPCController.BindService(services.GetRequiredService<ControllerService>()));
        endpoints.MapGrpcService(GRPCStdio.BindService(services.GetRequiredService<StdioService>()));
        endpoints.MapGrpcService(Protocol.Backend.BindService(services.GetRequiredService<BackendService>()));
        endpoints.MapGrpcService(PluginVersion.BindService(services.GetRequiredService<PluginVersionService>()));
        endpoints.MapGrpcService(PluginMultiplexing.BindService(services.GetRequiredService<MultiplexingService>()));
    }
}
