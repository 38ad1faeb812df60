using System.Net;
using System.Net.Sockets;
using VaultEc2Auth.Failures;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp.Tests;

/// <summary>
/// <c>config/vault</c> with several addresses (every node of an HA cluster): the writer skips a node that is down or
/// cannot serve, stays on the one that answered, and reports a 5xx naming each node when none can serve.
/// </summary>
public sealed class FailoverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unreachable_first_address_is_skipped_and_the_next_node_serves()
    {
        await using var node = await StartNodeAsync();
        await using var connection = Connect(DeadAddress(), node.BaseAddress);

        var info = await connection.LookupSelfAsync(Ct);

        Assert.NotEmpty(info.Policies);
        Assert.Equal("auth/token/lookup-self", Assert.Single(node.Requests).Path);
    }

    [Theory]
    [InlineData(503, "Vault is sealed")]
    [InlineData(500, "local node not active but active cluster node not found")]
    [InlineData(429, "standby node")]
    [InlineData(400, "cannot perform this operation on a standby")]
    public async Task Node_that_cannot_serve_is_skipped_and_the_next_node_serves(int status, string error)
    {
        await using var standby = await StartNodeAsync();
        await using var active = await StartNodeAsync();
        standby.FailPath("", status, error);
        await using var connection = Connect(standby.BaseAddress, active.BaseAddress);

        await connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct);

        Assert.Contains("ec2-instance-i-1", active.PolicyNames);
        Assert.DoesNotContain("ec2-instance-i-1", standby.PolicyNames);
    }

    [Fact]
    public async Task Writer_stays_on_the_node_that_answered()
    {
        await using var first = await StartNodeAsync();
        await using var second = await StartNodeAsync();
        first.FailPath("", 503, "Vault is sealed");
        await using var connection = Connect(first.BaseAddress, second.BaseAddress);
        await connection.LookupSelfAsync(Ct);
        first.ClearFaults();
        first.ClearRequests();

        await connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct);

        Assert.Empty(first.Requests);
        Assert.Contains("ec2-instance-i-1", second.PolicyNames);
    }

    [Fact]
    public async Task Answer_that_is_about_the_request_is_not_retried_on_another_node()
    {
        await using var first = await StartNodeAsync();
        await using var second = await StartNodeAsync();
        first.FailPath("sys/policies/acl/", 400, "failed to parse policy");
        await using var connection = Connect(first.BaseAddress, second.BaseAddress);

        var failure = await Assert.ThrowsAsync<UpstreamFailure>(() => connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct));

        Assert.Equal(UpstreamProblem.Refused, failure.Problem);
        Assert.Contains("failed to parse policy", failure.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Requests, request => request.Path.StartsWith("sys/policies/acl/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_no_address_can_serve_the_failure_is_vault_unavailable_naming_each_node_and_not_the_token()
    {
        await using var sealedNode = await StartNodeAsync();
        sealedNode.FailPath("", 503, "Vault is sealed");
        var dead = DeadAddress();
        await using var connection = Connect(dead, sealedNode.BaseAddress);

        var failure = await Assert.ThrowsAsync<UpstreamFailure>(() => connection.LookupSelfAsync(Ct));

        Assert.Equal((Upstream.Vault, UpstreamProblem.Unavailable), (failure.Upstream, failure.Problem));
        Assert.StartsWith("vault: no address could serve GET auth/token/lookup-self", failure.Detail, StringComparison.Ordinal);
        Assert.Contains(dead.GetLeftPart(UriPartial.Authority), failure.Detail, StringComparison.Ordinal);
        Assert.Contains(sealedNode.BaseAddress.GetLeftPart(UriPartial.Authority) + " returned HTTP 503: Vault is sealed", failure.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeVaultWriter.Token, failure.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(dead.GetLeftPart(UriPartial.Authority), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Single_unreachable_address_is_vault_unavailable_naming_it_to_operators_only()
    {
        var dead = DeadAddress();
        await using var connection = Connect(dead);

        var failure = await Assert.ThrowsAsync<UpstreamFailure>(() => connection.LookupSelfAsync(Ct));

        Assert.Equal(UpstreamProblem.Unavailable, failure.Problem);
        Assert.StartsWith($"vault: GET auth/token/lookup-self at {dead.GetLeftPart(UriPartial.Authority)} failed:", failure.Detail, StringComparison.Ordinal);
    }

    private static async Task<FakeVaultServer> StartNodeAsync()
    {
        var server = new FakeVaultServer(FakeVaultWriter.Token);
        await server.StartAsync(Ct);
        return server;
    }

    private static VaultHttpConnection Connect(params Uri[] nodes) =>
        new VaultHttpConnectionFactory(new VaultHttpOptions { RequestTimeout = TimeSpan.FromSeconds(10) }).Connect(
            new VaultConnectionSettings(string.Join(',', nodes.Select(node => node.ToString())), FakeVaultWriter.Token, null, null, false, null));

    /// <summary>A loopback port nothing listens on: connecting is refused at once.</summary>
    private static Uri DeadAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }
}
