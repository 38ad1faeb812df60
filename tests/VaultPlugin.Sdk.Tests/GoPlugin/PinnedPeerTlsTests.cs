using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.GoPlugin;
using VaultPlugin.Sdk.Logging;
using VaultPlugin.Sdk.Protocol.GoPlugin;
using VaultPlugin.Sdk.Protocol.Health;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>
/// The AutoMTLS listener and the broker dial-back accept exactly the host's certificate, also on the start-up path
/// that skips chain building (SystemStoreFreeTls).
/// </summary>
public sealed class PinnedPeerTlsTests
{
    private static readonly X509Certificate2 HostCertificate = AutoMtlsCertificate.Create();

    [Fact]
    public async Task Host_presenting_the_pinned_certificate_gets_its_health_ping_answered()
    {
        await using var plugin = await RunningPlugin.StartAsync(HostCertificate);

        var reply = await plugin.PingAsync(HostCertificate);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Host_presenting_another_certificate_is_refused()
    {
        await using var plugin = await RunningPlugin.StartAsync(HostCertificate);

        await Assert.ThrowsAsync<RpcException>(() => plugin.PingAsync(AutoMtlsCertificate.Create()));
    }

    [Fact]
    public async Task Host_presenting_no_certificate_is_refused()
    {
        await using var plugin = await RunningPlugin.StartAsync(HostCertificate);

        await Assert.ThrowsAsync<RpcException>(() => plugin.PingAsync(clientCertificate: null));
    }

    [Fact]
    public async Task Broker_dial_refuses_a_listener_that_is_not_the_pinned_host()
    {
        var directory = Directory.CreateTempSubdirectory("broker-test-");
        try
        {
            var path = Path.Combine(directory.FullName, "broker");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen();
            var impostor = AcceptTlsAsync(listener, AutoMtlsCertificate.Create());
            var identity = new TransportIdentity(AutoMtlsCertificate.Create(), HostCertificate, "localhost", AnnounceCertificate: true);

            using var channel = new BrokerDialer(identity).Dial(new ConnInfo { Network = "unix", Address = path, ServiceId = 1 });
            var storage = new Protocol.Storage.StorageClient(channel);

            await Assert.ThrowsAsync<RpcException>(async () => await storage.GetAsync(new Protocol.StorageGetArgs { Key = "k" }, cancellationToken: TestContext.Current.CancellationToken));
            Assert.False(await impostor, "the dialer sent data to a server that is not the pinned host");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Runtime_still_has_the_private_members_the_start_up_shortcut_uses()
    {
        // If a runtime update removes them the plugin stays correct but pays ~40 ms per start again (docs/protocol.md §3.6).
        var field = typeof(SslStream).GetField("_remoteCertificate", BindingFlags.Instance | BindingFlags.NonPublic);
        var constructor = typeof(SslStreamCertificateContext).GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic,
            [typeof(X509Certificate2), typeof(System.Collections.ObjectModel.ReadOnlyCollection<X509Certificate2>), typeof(SslCertificateTrust)]);

        Assert.Equal(typeof(X509Certificate2), field?.FieldType);
        Assert.NotNull(constructor);
    }

    /// <summary>
    /// Serves one TLS connection; true if the client sent application data over it, i.e. accepted this server. (The
    /// handshake itself may complete on this side before a TLS 1.3 client checks the certificate and hangs up.)
    /// </summary>
    private static async Task<bool> AcceptTlsAsync(Socket listener, X509Certificate2 certificate)
    {
        using var connection = await listener.AcceptAsync();
        await using var tls = new SslStream(new NetworkStream(connection, ownsSocket: false));
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
                ApplicationProtocols = [SslApplicationProtocol.Http2],
            });
            return await tls.ReadAsync(new byte[64]) > 0;
        }
        catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException)
        {
            return false;
        }
    }

    private sealed class NoBackend : IBackendFactory
    {
        public BackendDefinition Create(BackendSetup setup) => throw new InvalidOperationException("not used by these tests");
    }

    /// <summary>A plugin served in-process in AutoMTLS mode, and a go-plugin-like host client for it.</summary>
    private sealed class RunningPlugin : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task<int> _serving = Task.FromResult(0);

        private RunningPlugin(string socketPath) => SocketPath = socketPath;

        public string SocketPath { get; private set; }

        public static async Task<RunningPlugin> StartAsync(X509Certificate2 hostCertificate)
        {
            var variables = new Dictionary<string, string>
            {
                [PluginEnvironment.MagicCookieKey] = PluginEnvironment.MagicCookieValue,
                ["PLUGIN_PROTOCOL_VERSIONS"] = "5",
                ["PLUGIN_CLIENT_CERT"] = hostCertificate.ExportCertificatePem(),
                ["VAULT_PLUGIN_AUTOMTLS_ENABLED"] = "true",
            };
            var handshake = new Pipe();
            var process = new PluginProcess(PluginEnvironment.From(name => variables.GetValueOrDefault(name)), [],
                handshake.Writer.AsStream(), TextWriter.Null, HandleSignals: false)
            {
                Log = new HclogWriter(Stream.Null, HclogLevel.Off),
            };
            var options = new PluginOptions("test-plugin", "v0.0.1", new SpecialPathSet([], [], []), _ => new NoBackend());
            var plugin = new RunningPlugin("");
            plugin._serving = PluginServer.ServeAsync(process, options, plugin._stop.Token);

            using var reader = new StreamReader(handshake.Reader.AsStream());
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("no handshake line");
            plugin.SocketPath = line.Split('|')[3];
            return plugin;
        }

        public async Task<HealthCheckResponse> PingAsync(X509Certificate2? clientCertificate)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                },
                SslOptions = new SslClientAuthenticationOptions
                {
                    ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                },
            };
            using var channel = GrpcChannel.ForAddress("https://localhost", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
            return await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "plugin" },
                deadline: DateTime.UtcNow.AddSeconds(30));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _serving;
            _stop.Dispose();
        }
    }
}
