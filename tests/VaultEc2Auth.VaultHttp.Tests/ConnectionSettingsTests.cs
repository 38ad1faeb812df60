using VaultEc2Auth.Failures;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp.Tests;

public sealed class ConnectionSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_request_carries_the_vault_request_header_and_no_namespace_by_default()
    {
        await using var vault = await FakeVaultWriter.StartAsync();

        await vault.Connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct);

        Assert.All(vault.Server.Requests, r =>
        {
            Assert.True(r.HasVaultRequestHeader);
            Assert.True(r.TokenAccepted);
            Assert.Null(r.Namespace);
        });
    }

    [Fact]
    public async Task Namespace_is_sent_on_every_request_when_configured()
    {
        await using var vault = await FakeVaultWriter.StartAsync(address => FakeVaultWriter.Settings(address, ns: "team-a/ec2"));

        await vault.Connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct);
        await vault.Connection.LookupSelfAsync(Ct);

        Assert.Equal(3, vault.Server.Requests.Count);
        Assert.All(vault.Server.Requests, r => Assert.Equal("team-a/ec2", r.Namespace));
    }

    [Fact]
    public async Task Address_with_a_path_prefix_keeps_it_before_v1()
    {
        await using var server = new FakeVaultServer(FakeVaultWriter.Token);
        await server.StartAsync(Ct);
        await using var connection = new VaultHttpConnectionFactory().Connect(
            FakeVaultWriter.Settings(new Uri(server.BaseAddress, "vault/")));

        await Assert.ThrowsAsync<UpstreamFailure>(() => connection.LookupSelfAsync(Ct));

        Assert.Equal("/vault/v1/auth/token/lookup-self", Assert.Single(server.Requests).Path);
    }

    [Theory]
    [InlineData("127.0.0.1:8200")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("http://user:pass@127.0.0.1/")]
    [InlineData("http://127.0.0.1/?x=1")]
    [InlineData("not a url")]
    public void Address_that_is_not_a_plain_http_url_is_rejected(string address)
    {
        var error = Assert.Throws<InvalidInput>(
            () => new VaultHttpConnectionFactory().Connect(new VaultConnectionSettings(address, "tok", null, null, false, null)));

    }

    [Theory]
    [InlineData("")]
    [InlineData("s.secret\r\nX-Injected: 1")]
    [InlineData("s.secret with space")]
    [InlineData("s.sécret")]
    public void Token_unfit_for_a_header_is_rejected_without_echoing_it(string token)
    {
        var error = Assert.Throws<InvalidInput>(
            () => new VaultHttpConnectionFactory().Connect(new VaultConnectionSettings("http://127.0.0.1:8200", token, null, null, false, null)));

        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData("ns\r\nX-Injected: 1", null)]
    [InlineData("ns with space", null)]
    [InlineData(null, "vault example")]
    [InlineData(null, "vault.example.com\r\n")]
    public void Namespace_or_server_name_with_foreign_characters_is_rejected(string? ns, string? serverName)
    {
        var error = Assert.Throws<InvalidInput>(
            () => new VaultHttpConnectionFactory().Connect(new VaultConnectionSettings("https://127.0.0.1:8200", "tok", null, serverName, false, ns)));

    }

    [Fact]
    public void Ca_bundle_without_a_certificate_is_rejected()
    {
        var error = Assert.Throws<InvalidInput>(
            () => new VaultHttpConnectionFactory().Connect(new VaultConnectionSettings("https://127.0.0.1:8200", "tok", "not a pem", null, false, null)));

    }

    [Fact]
    public async Task Unreachable_vault_is_unavailable_naming_the_address_only_in_the_detail_and_never_the_token()
    {
        int port;
        await using (var stopped = new FakeVaultServer(FakeVaultWriter.Token))
        {
            await stopped.StartAsync(Ct);
            port = stopped.BaseAddress.Port;
        }
        await using var connection = new VaultHttpConnectionFactory().Connect(
            FakeVaultWriter.Settings(new Uri($"http://127.0.0.1:{port}/")));

        var error = await Assert.ThrowsAsync<UpstreamFailure>(
            () => connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct));

        Assert.Equal((Upstream.Vault, UpstreamProblem.Unavailable), (error.Upstream, error.Problem));
        Assert.Contains($"127.0.0.1:{port}", error.Detail);
        Assert.DoesNotContain("127.0.0.1", error.Message);
        Assert.DoesNotContain(FakeVaultWriter.Token, error.Detail);
    }

    [Fact]
    public async Task Vault_that_does_not_answer_in_time_is_unavailable()
    {
        await using var server = new FakeVaultServer(FakeVaultWriter.Token);
        await server.StartAsync(Ct);
        server.DelayPath("pki/", TimeSpan.FromMinutes(5));
        var options = new VaultHttpOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) };
        await using var connection = new VaultHttpConnectionFactory(options).Connect(FakeVaultWriter.Settings(server.BaseAddress));

        var error = await Assert.ThrowsAsync<UpstreamFailure>(
            () => connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct));

        Assert.Equal((Upstream.Vault, UpstreamProblem.Unavailable), (error.Upstream, error.Problem));
        Assert.Contains("got no answer", error.Detail);
    }

    [Fact]
    public async Task Response_larger_than_the_limit_is_refused()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var set = Sample.For("i-1");
        await vault.Connection.ApplyAsync(RenderedSet.Empty, set, Ct);
        var huge = Sample.Role("i-1").Data;
        huge["padding"] = new string('x', 2 * 1024 * 1024);
        vault.Server.SetObject("pki/roles/ec2-i-1", huge);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => vault.Connection.ApplyAsync(set, set, Ct));

        Assert.Equal(Upstream.Vault, error.Upstream);
        Assert.Contains("GET pki/roles/ec2-i-1", error.Detail);
    }
}
