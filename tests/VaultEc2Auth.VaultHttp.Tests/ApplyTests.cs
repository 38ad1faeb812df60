using System.Text.Json.Nodes;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp.Tests;

public sealed class ApplyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task First_apply_writes_generic_objects_before_policies()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var desired = new RenderedSet(
            [Sample.Policy("i-1"), Sample.Policy("i-2")],
            [Sample.Role("i-1"), Sample.Role("i-2")]);

        var result = await vault.Connection.ApplyAsync(RenderedSet.Empty, desired, Ct);

        Assert.Equal(new ApplyResult(PoliciesWritten: 2, ObjectsWritten: 2, Removed: 0), result);
        Assert.Equal(
            ["PUT pki/roles/ec2-i-1", "PUT pki/roles/ec2-i-2", "PUT sys/policies/acl/ec2-instance-i-1", "PUT sys/policies/acl/ec2-instance-i-2"],
            vault.Server.Writes.Select(w => w.ToString()));
    }

    [Fact]
    public async Task Apply_stores_policy_text_and_object_body_as_rendered()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var set = Sample.For("i-1");

        await vault.Connection.ApplyAsync(RenderedSet.Empty, set, Ct);

        Assert.Equal(set.Policies[0].Policy, vault.Server.GetPolicy("ec2-instance-i-1"));
        Assert.True(JsonNode.DeepEquals(set.Objects[0].Data, vault.Server.GetObject("pki/roles/ec2-i-1")));
    }

    [Fact]
    public async Task Reapplying_an_unchanged_set_makes_no_write()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var set = Sample.For("i-1");
        await vault.Connection.ApplyAsync(RenderedSet.Empty, set, Ct);
        vault.Server.ClearRequests();

        var result = await vault.Connection.ApplyAsync(set, Sample.For("i-1"), Ct);

        Assert.Equal(new ApplyResult(0, 0, 0), result);
        Assert.Empty(vault.Server.Writes);
        Assert.Equal(["GET pki/roles/ec2-i-1", "GET sys/policies/acl/ec2-instance-i-1"], vault.Server.Requests.Select(r => r.ToString()));
    }

    [Fact]
    public async Task Object_with_same_content_in_other_property_order_counts_as_unchanged()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var set = Sample.For("i-1");
        await vault.Connection.ApplyAsync(RenderedSet.Empty, set, Ct);
        vault.Server.ClearRequests();
        var reordered = new RenderedObject("pki/roles/ec2-i-1", new JsonObject
        {
            ["allow_subdomains"] = false,
            ["allow_bare_domains"] = true,
            ["allowed_domains"] = new JsonArray("i-1.example.com"),
        });

        var result = await vault.Connection.ApplyAsync(set, set with { Objects = [reordered] }, Ct);

        Assert.Equal(0, result.ObjectsWritten);
        Assert.Empty(vault.Server.Writes);
    }

    [Fact]
    public async Task Object_deleted_in_vault_is_written_again()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var set = Sample.For("i-1");
        await vault.Connection.ApplyAsync(RenderedSet.Empty, set, Ct);
        vault.Server.RemoveObject("pki/roles/ec2-i-1");
        vault.Server.ClearRequests();

        var result = await vault.Connection.ApplyAsync(set, set, Ct);

        Assert.Equal(new ApplyResult(0, 1, 0), result);
        Assert.Equal(["PUT pki/roles/ec2-i-1"], vault.Server.Writes.Select(w => w.ToString()));
        Assert.NotNull(vault.Server.GetObject("pki/roles/ec2-i-1"));
    }

    [Fact]
    public async Task Policy_deleted_or_altered_in_vault_is_written_again()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var set = new RenderedSet([Sample.Policy("i-1"), Sample.Policy("i-2")], []);
        await vault.Connection.ApplyAsync(RenderedSet.Empty, set, Ct);
        vault.Server.RemovePolicy("ec2-instance-i-1");
        vault.Server.SetPolicy("ec2-instance-i-2", "path \"*\" { capabilities = [\"sudo\"] }");

        var result = await vault.Connection.ApplyAsync(set, set, Ct);

        Assert.Equal(2, result.PoliciesWritten);
        Assert.Equal(set.Policies[0].Policy, vault.Server.GetPolicy("ec2-instance-i-1"));
        Assert.Equal(set.Policies[1].Policy, vault.Server.GetPolicy("ec2-instance-i-2"));
    }

    [Fact]
    public async Task Changed_content_is_written_even_when_present_in_vault()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var before = Sample.For("i-1");
        await vault.Connection.ApplyAsync(RenderedSet.Empty, before, Ct);
        vault.Server.ClearRequests();
        var after = new RenderedSet([Sample.Policy("i-1", "# changed\n")], [Sample.Role("i-1", "example.org")]);

        var result = await vault.Connection.ApplyAsync(before, after, Ct);

        Assert.Equal(new ApplyResult(1, 1, 0), result);
        Assert.Equal(after.Policies[0].Policy, vault.Server.GetPolicy("ec2-instance-i-1"));
        Assert.Equal("i-1.example.org", vault.Server.GetObject("pki/roles/ec2-i-1")!["allowed_domains"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Items_dropped_from_the_desired_set_are_removed_after_the_writes()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var before = Sample.For("i-old");
        await vault.Connection.ApplyAsync(RenderedSet.Empty, before, Ct);
        vault.Server.ClearRequests();

        var result = await vault.Connection.ApplyAsync(before, Sample.For("i-new"), Ct);

        Assert.Equal(new ApplyResult(1, 1, 2), result);
        Assert.Equal(
            ["PUT pki/roles/ec2-i-new", "PUT sys/policies/acl/ec2-instance-i-new",
             "DELETE sys/policies/acl/ec2-instance-i-old", "DELETE pki/roles/ec2-i-old"],
            vault.Server.Writes.Select(w => w.ToString()));
        Assert.Null(vault.Server.GetPolicy("ec2-instance-i-old"));
        Assert.Null(vault.Server.GetObject("pki/roles/ec2-i-old"));
    }

    [Fact]
    public async Task Stale_item_already_gone_from_vault_is_not_an_error()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var before = Sample.For("i-old");

        var result = await vault.Connection.ApplyAsync(before, RenderedSet.Empty, Ct);

        Assert.Equal(new ApplyResult(0, 0, 2), result);
    }

    [Fact]
    public async Task Same_path_twice_in_a_set_is_rejected_before_any_request()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var doubled = new RenderedSet([], [Sample.Role("i-1"), Sample.Role("i-1", "example.org")]);

        var error = await Assert.ThrowsAsync<InvalidInput>(
            () => vault.Connection.ApplyAsync(RenderedSet.Empty, doubled, Ct));

        Assert.Empty(vault.Server.Requests);
    }
}
