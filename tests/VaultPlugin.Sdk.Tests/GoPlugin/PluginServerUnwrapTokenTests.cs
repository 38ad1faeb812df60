using System.Security.Authentication;
using Grpc.Core;
using VaultPlugin.Sdk.Protocol.Health;
using VaultPlugin.Sdk.Tests.GoPlugin.Peers;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>
/// The lazily started v4 process (docs/protocol.md §1.4): TLS from a certificate and key unwrapped from Vault's API. The
/// host presents that same certificate as its client certificate and uses its CN as the server name.
/// </summary>
public sealed class PluginServerUnwrapTokenTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Client_presenting_the_wrapped_certificate_gets_SERVING(bool legacyToken)
    {
        await using var api = await FakeUnwrapApi.StartAsync(legacyToken: legacyToken);
        await using var plugin = await InProcessPlugin.StartAsync(PluginEnvironments.Unwrap(api.Token));
        using var channel = PluginChannels.Tls(plugin.SocketPath, api.Certificate, api.Certificate, targetHost: api.CommonName);

        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "plugin" }, cancellationToken: Cancellation);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        Assert.Equal(1, api.Calls);
    }

    [Fact]
    public async Task Handshake_answers_protocol_4_without_announcing_a_certificate()
    {
        await using var api = await FakeUnwrapApi.StartAsync();
        await using var plugin = await InProcessPlugin.StartAsync(PluginEnvironments.Unwrap(api.Token, versions: "3,4"));

        Assert.Equal(["1", "4", "unix", plugin.SocketPath, "grpc", ""], plugin.Fields);
    }

    [Fact]
    public async Task Served_certificate_is_the_wrapped_one()
    {
        await using var api = await FakeUnwrapApi.StartAsync();
        await using var plugin = await InProcessPlugin.StartAsync(PluginEnvironments.Unwrap(api.Token));

        var result = await TlsProbe.ConnectAsync(plugin.SocketPath, api.Certificate, SslProtocols.Tls12 | SslProtocols.Tls13, api.CommonName);

        Assert.True(result.ServerSpokeHttp2, result.Failure?.ToString());
        Assert.Equal(api.Certificate.RawData, result.ServerCertificate);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Client_with_another_certificate_is_refused(SslProtocols protocol)
    {
        await using var api = await FakeUnwrapApi.StartAsync();
        await using var plugin = await InProcessPlugin.StartAsync(PluginEnvironments.Unwrap(api.Token));
        using var other = GoPluginHostCertificate.CreateWrapped(out _);

        var result = await TlsProbe.ConnectAsync(plugin.SocketPath, other, protocol, api.CommonName);
        using var channel = PluginChannels.Tls(plugin.SocketPath, other, api.Certificate, targetHost: api.CommonName);

        Assert.False(result.ServerSpokeHttp2);
        await Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "plugin" }, cancellationToken: Cancellation));
    }

    [Fact]
    public async Task Unwrap_API_answering_400_ends_the_process_without_a_handshake_and_never_serves_plaintext()
    {
        await using var api = await FakeUnwrapApi.StartAsync(status: 400);

        var (exitCode, diagnostics, handshake) = await InProcessPlugin.RunToExitAsync(PluginEnvironments.Unwrap(api.Token));

        Assert.NotEqual(0, exitCode);
        Assert.Empty(handshake);
        Assert.Contains("400", diagnostics);
        Assert.Equal(1, api.Calls);
    }

    [Fact]
    public async Task Unreachable_unwrap_API_ends_the_process_without_a_handshake()
    {
        string address;
        await using (var api = await FakeUnwrapApi.StartAsync())
        {
            address = api.Address;
        }

        var (exitCode, _, handshake) = await InProcessPlugin.RunToExitAsync(PluginEnvironments.Unwrap(WrappingTokens.Modern(address)));

        Assert.NotEqual(0, exitCode);
        Assert.Empty(handshake);
    }

    [Fact]
    public async Task Wrapping_token_goes_in_the_X_Vault_Token_header()
    {
        await using var api = await FakeUnwrapApi.StartAsync();
        var otherToken = WrappingTokens.Modern(api.Address);

        var (exitCode, diagnostics, handshake) = await InProcessPlugin.RunToExitAsync(PluginEnvironments.Unwrap(otherToken));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("403", diagnostics);
        Assert.Empty(handshake);
    }
}
