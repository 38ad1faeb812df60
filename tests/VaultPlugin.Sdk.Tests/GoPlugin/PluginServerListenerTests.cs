using Grpc.Core;
using VaultPlugin.Sdk.Protocol.Health;
using VaultPlugin.Sdk.Tests.GoPlugin.Peers;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>The host dials the moment it reads the line (docs/protocol.md §2.1, §9 #2): the listener must already accept.</summary>
public sealed class PluginServerListenerTests
{
    [Fact]
    public async Task First_call_right_after_the_handshake_line_is_served_every_time()
    {
        using var host = GoPluginHostCertificate.Create();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await using var plugin = await InProcessPlugin.StartAsync(PluginEnvironments.AutoMtls(host));
            using var announced = plugin.AnnouncedCertificate!;
            using var channel = PluginChannels.Tls(plugin.SocketPath, host, announced);

            var reply = await new Health.HealthClient(channel).CheckAsync(
                new HealthCheckRequest { Service = "plugin" }, new CallOptions(cancellationToken: TestContext.Current.CancellationToken).WithWaitForReady(false));

            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        }
    }

    [Fact]
    public async Task Client_certificate_means_AutoMtls_also_when_only_protocol_4_is_offered()
    {
        using var host = GoPluginHostCertificate.Create();
        await using var plugin = await InProcessPlugin.StartAsync(PluginEnvironments.AutoMtls(host, versions: "4"));
        using var announced = plugin.AnnouncedCertificate!;
        using var channel = PluginChannels.Tls(plugin.SocketPath, host, announced);

        var reply = await new Health.HealthClient(channel).CheckAsync(
            new HealthCheckRequest { Service = "plugin" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("4", plugin.Fields[1]);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Socket_is_created_in_the_directory_a_runner_asks_for_and_removed_on_exit()
    {
        using var host = GoPluginHostCertificate.Create();
        var directory = Directory.CreateTempSubdirectory("runner-sockets-").FullName;
        try
        {
            var environment = PluginEnvironments.AutoMtls(host);
            environment["PLUGIN_UNIX_SOCKET_DIR"] = directory;
            string socketPath;
            await using (var plugin = await InProcessPlugin.StartAsync(environment))
            {
                socketPath = plugin.SocketPath;
                Assert.Equal(directory, Path.GetDirectoryName(socketPath));
                Assert.StartsWith("plugin", Path.GetFileName(socketPath));
            }

            Assert.False(File.Exists(socketPath));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
