using System.Security.Authentication;
using VaultPlugin.Sdk.Protocol;
using VaultPlugin.Sdk.Protocol.GoPlugin;
using VaultPlugin.Sdk.Protocol.Health;
using VaultPlugin.Sdk.Tests.GoPlugin.Peers;
using Empty = VaultPlugin.Sdk.Protocol.Empty;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>Vault's v4 metadata probe (docs/protocol.md §1.4): plaintext h2c, no certificate, no real requests.</summary>
public sealed class PluginServerMetadataModeTests : IAsyncLifetime
{
    private InProcessPlugin _plugin = null!;

    public async ValueTask InitializeAsync() => _plugin = await InProcessPlugin.StartAsync(PluginEnvironments.Metadata());

    public async ValueTask DisposeAsync() => await _plugin.DisposeAsync();

    private CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Handshake_answers_protocol_4_with_an_empty_certificate_field()
    {
        Assert.Equal(["1", "4", "unix", _plugin.SocketPath, "grpc", ""], _plugin.Fields);
        Assert.EndsWith("\n", _plugin.Line);
    }

    [Fact]
    public async Task Plaintext_HTTP2_with_prior_knowledge_is_served()
    {
        using var channel = PluginChannels.Plaintext(_plugin.SocketPath);

        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "plugin" }, cancellationToken: Cancellation);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task TLS_is_not_offered()
    {
        var result = await TlsProbe.ConnectAsync(_plugin.SocketPath, null, SslProtocols.Tls12 | SslProtocols.Tls13);

        Assert.False(result.ServerSpokeHttp2);
    }

    [Fact]
    public async Task HandleRequest_is_refused_with_an_error()
    {
        using var channel = PluginChannels.Plaintext(_plugin.SocketPath);

        var reply = await new Protocol.Backend.BackendClient(channel).HandleRequestAsync(new HandleRequestArgs
        {
            Request = new Request { Operation = "update", Path = "items/a", Data = "{\"value\":\"x\"}" },
        }, cancellationToken: Cancellation);

        Assert.NotNull(reply.Err);
        Assert.NotEmpty(reply.Err.ErrMsg);
        Assert.Null(reply.Response);
    }

    [Fact]
    public async Task Initialize_and_existence_check_are_refused_with_an_error()
    {
        using var channel = PluginChannels.Plaintext(_plugin.SocketPath);
        var backend = new Protocol.Backend.BackendClient(channel);

        var initialize = await backend.InitializeAsync(new InitializeArgs(), cancellationToken: Cancellation);
        var existence = await backend.HandleExistenceCheckAsync(new HandleExistenceCheckArgs
        {
            Request = new Request { Operation = "update", Path = "items/a", Data = "null" },
        }, cancellationToken: Cancellation);

        Assert.NotNull(initialize.Err);
        Assert.NotNull(existence.Err);
    }

    [Fact]
    public async Task Type_and_special_paths_are_the_same_as_in_AutoMtls_mode()
    {
        using var host = GoPluginHostCertificate.Create();
        await using var tlsPlugin = await InProcessPlugin.StartAsync(PluginEnvironments.AutoMtls(host));
        using var announced = tlsPlugin.AnnouncedCertificate!;
        using var tlsChannel = PluginChannels.Tls(tlsPlugin.SocketPath, host, announced);
        using var plainChannel = PluginChannels.Plaintext(_plugin.SocketPath);
        var metadataBackend = new Protocol.Backend.BackendClient(plainChannel);
        var tlsBackend = new Protocol.Backend.BackendClient(tlsChannel);

        Assert.Equal(
            await tlsBackend.SpecialPathsAsync(new Empty(), cancellationToken: Cancellation),
            await metadataBackend.SpecialPathsAsync(new Empty(), cancellationToken: Cancellation));
        Assert.Equal(
            await tlsBackend.TypeAsync(new Empty(), cancellationToken: Cancellation),
            await metadataBackend.TypeAsync(new Empty(), cancellationToken: Cancellation));
    }

    [Fact]
    public async Task Setup_dials_the_hosts_plaintext_broker_listener()
    {
        await using var broker = await FakeHostBroker.StartAsync(null, null);
        using var channel = PluginChannels.Plaintext(_plugin.SocketPath);
        using var stream = new GRPCBroker.GRPCBrokerClient(channel).StartStream(cancellationToken: Cancellation);
        await stream.RequestStream.WriteAsync(new ConnInfo { ServiceId = 1, Network = "unix", Address = broker.SocketPath }, Cancellation);

        var reply = await new Protocol.Backend.BackendClient(channel).SetupAsync(new SetupArgs { BrokerId = 1 }, cancellationToken: Cancellation);

        Assert.Equal("", reply.Err);
    }

    [Fact]
    public async Task Missing_version_list_as_from_Vault_0_10_1_is_answered_with_protocol_3()
    {
        await using var plugin = await InProcessPlugin.StartAsync(PluginEnvironments.Metadata(versions: null));

        Assert.Equal("3", plugin.Fields[1]);
        Assert.Equal("", plugin.Fields[5]);
    }
}
