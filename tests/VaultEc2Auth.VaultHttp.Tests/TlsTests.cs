using VaultEc2Auth.Failures;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp.Tests;

public sealed class TlsTests : IAsyncLifetime
{
    private const string ServerName = "vault.test.internal";
    private readonly VaultTestCertificates certificates = VaultTestCertificates.Create(ServerName);
    private FakeVaultServer server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = new FakeVaultServer(FakeVaultWriter.Token, certificates.Server);
        await server.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        certificates.Dispose();
    }

    [Fact]
    public async Task Server_signed_by_the_configured_ca_is_trusted_under_the_configured_server_name()
    {
        await using var connection = Connect(certificates.CaPem, ServerName, skipVerify: false);

        var info = await connection.LookupSelfAsync(Ct);

        Assert.Equal(["root"], info.Policies);
        Assert.StartsWith("https://", server.BaseAddress.ToString());
    }

    [Fact]
    public async Task Server_name_that_does_not_match_the_certificate_is_refused()
    {
        await using var connection = Connect(certificates.CaPem, serverName: null, skipVerify: false);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => connection.LookupSelfAsync(Ct));

        Assert.Equal(UpstreamProblem.Unavailable, error.Problem);
        Assert.Contains("RemoteCertificateNameMismatch", error.Detail);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Server_signed_by_another_ca_is_refused()
    {
        using var other = VaultTestCertificates.Create(ServerName, "Some Other CA");
        await using var connection = Connect(other.CaPem, ServerName, skipVerify: false);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => connection.LookupSelfAsync(Ct));

        Assert.Equal(UpstreamProblem.Unavailable, error.Problem);
        Assert.Contains("certificate chain", error.Detail);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Server_not_in_the_system_trust_store_is_refused_without_a_ca_bundle()
    {
        await using var connection = Connect(caPem: null, ServerName, skipVerify: false);

        await Assert.ThrowsAsync<UpstreamFailure>(() => connection.LookupSelfAsync(Ct));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Skip_verify_accepts_any_server_certificate()
    {
        await using var connection = Connect(caPem: null, serverName: null, skipVerify: true);

        await connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct);

        Assert.NotNull(server.GetObject("pki/roles/ec2-i-1"));
    }

    private VaultHttpConnection Connect(string? caPem, string? serverName, bool skipVerify) =>
        new VaultHttpConnectionFactory().Connect(
            new VaultConnectionSettings(server.BaseAddress.ToString(), FakeVaultWriter.Token, caPem, serverName, skipVerify, null));
}
