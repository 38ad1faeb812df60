using VaultEc2Auth.Failures;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp.Tests;

public sealed class RemoveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Remove_deletes_every_policy_and_object_of_the_set()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var set = new RenderedSet([Sample.Policy("i-1"), Sample.Policy("i-2")], [Sample.Role("i-1")]);
        await vault.Connection.ApplyAsync(RenderedSet.Empty, set, Ct);

        await vault.Connection.RemoveAsync(set, Ct);

        Assert.Empty(vault.Server.ObjectPaths);
        Assert.Equal(["default"], vault.Server.PolicyNames);
    }

    [Fact]
    public async Task Removing_items_already_gone_is_not_an_error()
    {
        await using var vault = await FakeVaultWriter.StartAsync();

        await vault.Connection.RemoveAsync(Sample.For("i-gone"), Ct);

        Assert.Equal(2, vault.Server.Writes.Count);
    }

    [Fact]
    public async Task Remove_goes_on_past_a_failing_item_and_then_reports_it()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var set = Sample.For("i-1");
        await vault.Connection.ApplyAsync(RenderedSet.Empty, set, Ct);
        vault.Server.FailPath("sys/policies/acl/", 500, "policy store sealed", method: "DELETE");

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => vault.Connection.RemoveAsync(set, Ct));

        Assert.Equal(Upstream.Vault, error.Upstream);
        Assert.Contains("policy store sealed", error.Detail);
        Assert.Empty(vault.Server.ObjectPaths);
    }
}
