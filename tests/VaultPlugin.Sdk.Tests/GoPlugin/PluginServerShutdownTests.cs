using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using VaultPlugin.Sdk.Protocol.GoPlugin;
using VaultPlugin.Sdk.Protocol.Health;
using VaultPlugin.Sdk.Tests.GoPlugin.Peers;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>
/// The host's kill sequence gives the plugin 2 s after <c>GRPCController/Shutdown</c> before SIGKILL
/// (docs/protocol.md §2.4, §9 #17). The 2 s limit is the protocol's, not a performance target.
/// </summary>
public sealed class PluginServerShutdownTests
{
    private static readonly TimeSpan HostGracePeriod = TimeSpan.FromSeconds(2);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shutdown_makes_ServeAsync_return_0_within_the_hosts_grace_period()
    {
        using var host = GoPluginHostCertificate.Create();
        await using var plugin = await InProcessPlugin.StartAsync(PluginEnvironments.AutoMtls(host));
        using var announced = plugin.AnnouncedCertificate!;
        using var channel = PluginChannels.Tls(plugin.SocketPath, host, announced);

        await new GRPCController.GRPCControllerClient(channel).ShutdownAsync(new Empty(), cancellationToken: Cancellation);

        Assert.Equal(0, await plugin.Exit.WaitAsync(HostGracePeriod, Cancellation));
    }

    [Fact]
    public async Task Nothing_but_the_handshake_line_is_written_to_the_handshake_stream_over_the_plugins_life()
    {
        using var host = GoPluginHostCertificate.Create();
        await using var plugin = await InProcessPlugin.StartAsync(PluginEnvironments.AutoMtls(host));
        using var announced = plugin.AnnouncedCertificate!;
        using var channel = PluginChannels.Tls(plugin.SocketPath, host, announced);
        var backend = new Protocol.Backend.BackendClient(channel);
        await backend.SetupAsync(new Protocol.SetupArgs { BrokerId = 7 }, cancellationToken: Cancellation);
        await backend.HandleRequestAsync(new Protocol.HandleRequestArgs { Request = new Protocol.Request { Operation = "read", Path = "items/x" } },
            cancellationToken: Cancellation);

        await new GRPCController.GRPCControllerClient(channel).ShutdownAsync(new Empty(), cancellationToken: Cancellation);
        await plugin.Exit.WaitAsync(HostGracePeriod, Cancellation);

        Assert.Empty(plugin.OutputAfterHandshake());
    }

    [Fact]
    public async Task Go_plugin_kill_sequence_ends_ServeAsync_within_the_grace_period()
    {
        using var host = GoPluginHostCertificate.Create();
        await using var plugin = await InProcessPlugin.StartAsync(PluginEnvironments.AutoMtls(host));
        using var announced = plugin.AnnouncedCertificate!;
        var channel = PluginChannels.Tls(plugin.SocketPath, host, announced);
        using var broker = new GRPCBroker.GRPCBrokerClient(channel).StartStream(cancellationToken: Cancellation);
        using var stdio = new GRPCStdio.GRPCStdioClient(channel).StreamStdio(new Google.Protobuf.WellKnownTypes.Empty(), cancellationToken: Cancellation);
        await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "plugin" }, cancellationToken: Cancellation);

        // go-plugin's GRPCClient.Close: close the broker, call Shutdown, close the connection.
        await broker.RequestStream.CompleteAsync();
        await new GRPCController.GRPCControllerClient(channel).ShutdownAsync(new Empty(), cancellationToken: Cancellation);
        channel.Dispose();

        Assert.Equal(0, await plugin.Exit.WaitAsync(HostGracePeriod, Cancellation));
    }

    [Fact]
    public async Task Shutdown_with_the_hosts_broker_and_stdio_streams_still_open_returns_within_the_grace_period()
    {
        using var host = GoPluginHostCertificate.Create();
        await using var plugin = await InProcessPlugin.StartAsync(PluginEnvironments.AutoMtls(host));
        using var announced = plugin.AnnouncedCertificate!;
        using var channel = PluginChannels.Tls(plugin.SocketPath, host, announced);
        using var broker = new GRPCBroker.GRPCBrokerClient(channel).StartStream(cancellationToken: Cancellation);
        using var stdio = new GRPCStdio.GRPCStdioClient(channel).StreamStdio(new Google.Protobuf.WellKnownTypes.Empty(), cancellationToken: Cancellation);
        // Streams on one HTTP/2 connection open in order: once this call is answered, the server has both streams.
        await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "plugin" }, cancellationToken: Cancellation);

        await new GRPCController.GRPCControllerClient(channel).ShutdownAsync(new Empty(), cancellationToken: Cancellation);

        Assert.Equal(0, await plugin.Exit.WaitAsync(HostGracePeriod, Cancellation));
    }
}
