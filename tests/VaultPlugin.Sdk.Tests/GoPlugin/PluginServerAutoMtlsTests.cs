using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using VaultPlugin.Sdk.Protocol;
using VaultPlugin.Sdk.Protocol.Health;
using VaultPlugin.Sdk.Tests.GoPlugin.Peers;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>Protocol 5 with go-plugin's AutoMTLS (docs/protocol.md §2–4), against a plugin served in this process.</summary>
public sealed class PluginServerAutoMtlsTests : IAsyncLifetime
{
    private readonly X509Certificate2 _host = GoPluginHostCertificate.Create();
    private InProcessPlugin _plugin = null!;

    public async ValueTask InitializeAsync() => _plugin = await InProcessPlugin.StartAsync(PluginEnvironments.AutoMtls(_host));

    public async ValueTask DisposeAsync()
    {
        await _plugin.DisposeAsync();
        _host.Dispose();
    }

    private CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Handshake_line_has_six_fields_for_protocol_5_on_a_unix_socket()
    {
        var fields = _plugin.Fields;

        Assert.EndsWith("\n", _plugin.Line);
        Assert.Equal(6, fields.Length);
        Assert.Equal("1", fields[0]);
        Assert.Equal("5", fields[1]);
        Assert.Equal("unix", fields[2]);
        Assert.True(Path.IsPathFullyQualified(fields[3]));
        Assert.True(File.Exists(fields[3]), "the socket exists when the line is printed");
        Assert.Equal("grpc", fields[4]);
    }

    [Fact]
    public void Announced_certificate_is_unpadded_base64_of_a_localhost_certificate()
    {
        Assert.DoesNotContain('=', _plugin.Fields[5]);
        using var announced = _plugin.AnnouncedCertificate!;

        Assert.True(announced.MatchesHostname("localhost"));
        Assert.False(announced.HasPrivateKey);
    }

    [Fact]
    public async Task Host_certificate_client_gets_SERVING_for_service_plugin()
    {
        using var announced = _plugin.AnnouncedCertificate!;
        using var channel = PluginChannels.Tls(_plugin.SocketPath, _host, announced);

        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "plugin" }, cancellationToken: Cancellation);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Server_certificate_the_client_sees_is_the_announced_one_and_ALPN_is_h2(SslProtocols protocol)
    {
        using var announced = _plugin.AnnouncedCertificate!;

        var result = await TlsProbe.ConnectAsync(_plugin.SocketPath, _host, protocol);

        Assert.True(result.ServerSpokeHttp2, result.Failure?.ToString());
        Assert.Equal(announced.RawData, result.ServerCertificate);
        Assert.Equal(SslApplicationProtocol.Http2, result.Alpn);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Other_self_signed_P521_certificate_with_the_same_subject_is_refused_at_the_TLS_handshake(SslProtocols protocol)
    {
        using var impostor = GoPluginHostCertificate.Create();
        Assert.Equal(_host.Subject, impostor.Subject);

        var result = await TlsProbe.ConnectAsync(_plugin.SocketPath, impostor, protocol);

        Assert.False(result.ServerSpokeHttp2);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Client_without_a_certificate_is_refused_at_the_TLS_handshake(SslProtocols protocol)
    {
        var result = await TlsProbe.ConnectAsync(_plugin.SocketPath, null, protocol);

        Assert.False(result.ServerSpokeHttp2);
    }

    [Fact]
    public async Task Other_certificate_gets_no_gRPC_answer()
    {
        using var impostor = GoPluginHostCertificate.Create();
        using var announced = _plugin.AnnouncedCertificate!;
        using var channel = PluginChannels.Tls(_plugin.SocketPath, impostor, announced);

        await Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "plugin" }, cancellationToken: Cancellation));
    }

    [Fact]
    public async Task Multiplexing_is_answered_as_not_supported_rather_than_an_error()
    {
        using var announced = _plugin.AnnouncedCertificate!;
        using var channel = PluginChannels.Tls(_plugin.SocketPath, _host, announced);

        var reply = await new PluginMultiplexing.PluginMultiplexingClient(channel)
            .MultiplexingSupportAsync(new MultiplexingSupportRequest(), cancellationToken: Cancellation);

        Assert.False(reply.Supported);
    }

    [Fact]
    public async Task Backend_is_a_credential_backend_with_login_unauthenticated_and_reports_its_version()
    {
        using var announced = _plugin.AnnouncedCertificate!;
        using var channel = PluginChannels.Tls(_plugin.SocketPath, _host, announced);
        var backend = new Protocol.Backend.BackendClient(channel);

        var type = await backend.TypeAsync(new Empty(), cancellationToken: Cancellation);
        var paths = await backend.SpecialPathsAsync(new Empty(), cancellationToken: Cancellation);
        var version = await new PluginVersion.PluginVersionClient(channel).VersionAsync(new Empty(), cancellationToken: Cancellation);

        Assert.Equal(2u, type.Type);
        Assert.Equal(["login"], paths.Paths.Unauthenticated);
        Assert.Equal(["local/"], paths.Paths.LocalStorage);
        Assert.Equal(["secret/"], paths.Paths.SealWrapStorage);
        Assert.Equal("v0.1.0", version.PluginVersion);
    }
}
