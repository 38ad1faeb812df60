using VaultEc2Auth.Failures;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp.Tests;

public sealed class RollbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Failed_write_midway_removes_what_this_call_wrote_and_fails_naming_vault_with_its_message()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var desired = new RenderedSet([Sample.Policy("i-1")], [Sample.Role("i-1"), Sample.Role("i-2")]);
        vault.Server.FailNthWrite(3, 500, "storage backend unavailable");

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => vault.Connection.ApplyAsync(RenderedSet.Empty, desired, Ct));

        Assert.Equal((Upstream.Vault, UpstreamProblem.Failed), (error.Upstream, error.Problem));
        Assert.Equal("Vault: answered HTTP 500", error.Message);
        Assert.Contains("storage backend unavailable", error.Detail);
        Assert.Contains("sys/policies/acl/ec2-instance-i-1", error.Detail);
        Assert.Empty(vault.Server.ObjectPaths);
        Assert.DoesNotContain("ec2-instance-i-1", vault.Server.PolicyNames);
        Assert.Equal(
            ["PUT pki/roles/ec2-i-1", "PUT pki/roles/ec2-i-2", "PUT sys/policies/acl/ec2-instance-i-1",
             "DELETE sys/policies/acl/ec2-instance-i-1", "DELETE pki/roles/ec2-i-2", "DELETE pki/roles/ec2-i-1"],
            vault.Server.Writes.Select(w => w.ToString()));
    }

    [Fact]
    public async Task Rollback_leaves_items_that_this_call_skipped_as_unchanged()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var before = new RenderedSet([Sample.Policy("i-1")], [Sample.Role("i-1")]);
        await vault.Connection.ApplyAsync(RenderedSet.Empty, before, Ct);
        vault.Server.FailPath("sys/policies/acl/ec2-instance-i-2", 500, "boom", method: "PUT");
        var desired = new RenderedSet([Sample.Policy("i-1"), Sample.Policy("i-2")], [Sample.Role("i-1"), Sample.Role("i-2")]);

        await Assert.ThrowsAsync<UpstreamFailure>(() => vault.Connection.ApplyAsync(before, desired, Ct));

        Assert.Equal(["pki/roles/ec2-i-1"], vault.Server.ObjectPaths);
        Assert.Contains("ec2-instance-i-1", vault.Server.PolicyNames);
        Assert.DoesNotContain("ec2-instance-i-2", vault.Server.PolicyNames);
    }

    [Fact]
    public async Task Stale_items_are_kept_when_a_write_fails()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        var before = Sample.For("i-old");
        await vault.Connection.ApplyAsync(RenderedSet.Empty, before, Ct);
        vault.Server.FailPath("sys/policies/acl/ec2-instance-i-new", 500, "boom", method: "PUT");

        await Assert.ThrowsAsync<UpstreamFailure>(() => vault.Connection.ApplyAsync(before, Sample.For("i-new"), Ct));

        Assert.NotNull(vault.Server.GetPolicy("ec2-instance-i-old"));
        Assert.NotNull(vault.Server.GetObject("pki/roles/ec2-i-old"));
        Assert.Null(vault.Server.GetObject("pki/roles/ec2-i-new"));
    }

    [Fact]
    public async Task Rollback_failure_is_logged_and_the_original_error_is_thrown()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        vault.Server.FailPath("sys/policies/acl/", 500, "policy store sealed", method: "PUT");
        vault.Server.FailPath("pki/roles/", 503, "delete refused", method: "DELETE");

        var error = await Assert.ThrowsAsync<UpstreamFailure>(
            () => vault.Connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct));

        Assert.Contains("policy store sealed", error.Detail);
        var line = Assert.Single(vault.LogLines);
        Assert.Contains("could not undo a failed write: pki/roles/ec2-i-1 stays in Vault", line);
        Assert.Contains("delete refused", line);
    }

    [Fact]
    public async Task Forbidden_write_says_the_writers_token_lacks_permission()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        vault.Server.FailPath("pki/roles/", 403, "permission denied", method: "PUT");

        var error = await Assert.ThrowsAsync<UpstreamFailure>(
            () => vault.Connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct));

        Assert.Equal(UpstreamProblem.WriterTokenLacksPermission, error.Problem);
        Assert.Equal("Vault: the writer's token lacks permission", error.Message);
        Assert.Contains("PUT pki/roles/ec2-i-1: permission denied", error.Detail);
    }

    [Fact]
    public async Task Token_vault_does_not_know_is_reported_as_revoked()
    {
        await using var vault = await FakeVaultWriter.StartAsync(
            address => FakeVaultWriter.Settings(address, token: "s.some-other-token-0000"));

        var error = await Assert.ThrowsAsync<UpstreamFailure>(
            () => vault.Connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct));

        Assert.Equal(UpstreamProblem.WriterTokenRevoked, error.Problem);
        Assert.Equal("Vault: the writer's token was revoked", error.Message);
        Assert.DoesNotContain("s.some-other-token-0000", error.Detail);
    }

    [Fact]
    public async Task Token_never_appears_in_an_exception_message_or_log_line()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        // A misbehaving proxy or plugin could echo the header back; the writer must still not pass it on.
        vault.Server.FailPath("sys/policies/acl/", 500, $"bad header X-Vault-Token: {FakeVaultWriter.Token}", method: "PUT");
        vault.Server.FailPath("pki/roles/", 500, $"token {FakeVaultWriter.Token} rejected", method: "DELETE");

        var error = await Assert.ThrowsAsync<UpstreamFailure>(
            () => vault.Connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), Ct));
        var removeError = await Assert.ThrowsAsync<UpstreamFailure>(
            () => vault.Connection.RemoveAsync(Sample.For("i-1"), Ct));

        Assert.NotEmpty(vault.LogLines);
        Assert.All(
            vault.LogLines.Append(error.Detail).Append(removeError.Detail).Append(error.Message).Append(removeError.Message),
            text => Assert.DoesNotContain(FakeVaultWriter.Token, text));
        Assert.Contains("(token hidden)", error.Detail);
    }

    [Fact]
    public async Task Cancelled_apply_still_removes_what_it_wrote()
    {
        await using var vault = await FakeVaultWriter.StartAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        vault.Server.DelayPath("sys/policies/acl/", TimeSpan.FromMinutes(5), method: "PUT");

        var apply = vault.Connection.ApplyAsync(RenderedSet.Empty, Sample.For("i-1"), cancel.Token);
        await vault.Server.WaitForRequestAsync(r => r is { Method: "PUT", Path: "sys/policies/acl/ec2-instance-i-1" }, TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply);
        Assert.Contains("DELETE pki/roles/ec2-i-1", vault.Server.Writes.Select(w => w.ToString()));
        Assert.Empty(vault.Server.ObjectPaths);
    }
}
