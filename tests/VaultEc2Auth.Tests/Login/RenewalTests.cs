using System.Text.Json.Nodes;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Login;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Login;

/// <summary><c>renew</c> on <c>login</c>: allowed only while the instance still runs and still matches its role.</summary>
public sealed class RenewalTests
{
    private readonly Ec2AuthHarness _plugin = new();

    private async Task<(LaunchedInstance Instance, AuthData Auth)> LoggedInAsync(JsonObject? roleFields = null)
    {
        await _plugin.SetUpPkiRoleAsync(roleFields ?? new JsonObject { ["token_ttl"] = "1h", ["token_max_ttl"] = "24h", ["token_policies"] = "metrics" });
        var instance = _plugin.Launch();
        return (instance, await _plugin.LoginAsync(instance.Pkcs7, "nonce"));
    }

    [Fact]
    public async Task Renewal_of_a_running_instance_returns_the_roles_ttl_and_the_same_policies()
    {
        var (instance, auth) = await LoggedInAsync();

        var renewed = await _plugin.RenewAsync(auth);

        Assert.Equal(TimeSpan.FromHours(1), renewed.Ttl);
        Assert.Equal(TimeSpan.FromHours(24), renewed.MaxTtl);
        Assert.Equal([instance.PolicyName(), "metrics"], renewed.Policies);
        Assert.Equal(auth.Metadata, renewed.Metadata);
    }

    [Fact]
    public async Task Renewal_uses_the_roles_current_ttls()
    {
        var (_, auth) = await LoggedInAsync();
        await _plugin.SendAsync(Operations.Update, "roles/web", new JsonObject { ["token_ttl"] = "15m", ["token_period"] = "2h" });

        var renewed = await _plugin.RenewAsync(auth);

        Assert.Equal(TimeSpan.FromMinutes(15), renewed.Ttl);
        Assert.Equal(TimeSpan.FromHours(2), renewed.Period);
    }

    [Fact]
    public async Task Renewal_with_everything_in_place_writes_nothing()
    {
        var (_, auth) = await LoggedInAsync();
        _plugin.Vault.ResetCounters();

        await _plugin.RenewAsync(auth);

        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Equal(0, _plugin.Vault.Deletes);
    }

    [Theory]
    [InlineData(InstanceState.Terminated)]
    [InlineData(InstanceState.Stopped)]
    public async Task Renewal_of_an_instance_that_no_longer_runs_is_denied(InstanceState state)
    {
        var (instance, auth) = await LoggedInAsync();
        _plugin.Describer.SetState(instance.InstanceId, state);

        await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));
    }

    [Fact]
    public async Task Renewal_of_an_instance_ec2_no_longer_knows_is_denied()
    {
        var (instance, auth) = await LoggedInAsync();
        _plugin.Describer.Remove(instance.InstanceId);

        await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));
    }

    [Fact]
    public async Task Renewal_after_the_role_was_deleted_is_denied()
    {
        var (_, auth) = await LoggedInAsync();

        await _plugin.DeleteAsync("roles/web");

        await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));
    }

    [Fact]
    public async Task Renewal_after_the_roles_arn_no_longer_binds_the_instance_is_denied()
    {
        var (_, auth) = await LoggedInAsync();

        await _plugin.SendAsync(Operations.Update, "roles/web", new JsonObject { ["iam_role_arn"] = "arn:aws:iam::123456789012:role/db-server" });

        await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));
    }

    [Fact]
    public async Task Renewal_after_the_instance_changed_its_iam_role_is_denied()
    {
        var (instance, auth) = await LoggedInAsync();

        _plugin.Describer.Change(instance.InstanceId, facts => facts with { IamRoleArn = "arn:aws:iam::123456789012:role/db-server" });

        await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));
    }

    [Fact]
    public async Task Renewal_after_a_bound_stopped_matching_is_denied()
    {
        var (_, auth) = await LoggedInAsync();

        await _plugin.SendAsync(Operations.Update, "roles/web", new JsonObject { ["bound_vpc_id"] = "vpc-99999999" });

        await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));
    }

    [Fact]
    public async Task Renewal_writes_again_an_object_deleted_from_vault()
    {
        var (instance, auth) = await LoggedInAsync();
        var original = _plugin.Vault.Object(instance.PkiRolePath);
        _plugin.Vault.DeleteBehindThePluginsBack(instance.PkiRolePath);
        _plugin.Vault.ResetCounters();

        await _plugin.RenewAsync(auth);

        Assert.Equal(1, _plugin.Vault.Writes);
        Assert.True(JsonNode.DeepEquals(original, _plugin.Vault.Object(instance.PkiRolePath)));
    }

    [Fact]
    public async Task Renewal_writes_again_a_policy_deleted_from_vault()
    {
        var (instance, auth) = await LoggedInAsync();
        var original = _plugin.Vault.PolicyText(instance.PolicyName());
        _plugin.Vault.DeleteBehindThePluginsBack(instance.PolicyName());

        await _plugin.RenewAsync(auth);

        Assert.Equal(original, _plugin.Vault.PolicyText(instance.PolicyName()));
    }

    [Fact]
    public async Task Renewal_after_the_access_list_entry_was_removed_is_denied()
    {
        var (instance, auth) = await LoggedInAsync();

        // Removed on another node: storage changes, then Vault invalidates the key here.
        await _plugin.Storage.DeleteAsync(AccessList.Prefix + instance.InstanceId, CancellationToken.None);
        _plugin.Definition.Invalidate!(AccessList.Prefix + instance.InstanceId);

        await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));
    }

    [Fact]
    public async Task Renewal_of_a_token_from_a_role_the_instance_has_since_left_is_denied_and_leaves_the_current_set()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.CreateRoleAsync("web-canary", new JsonObject { ["base_path"] = "pki-canary/roles" });
        await _plugin.AddTemplateAsync("web-canary", "pki-role", "generic", "canary-{{ InstanceHash }}", PkiRoleTemplate);
        var instance = _plugin.Launch();
        var webToken = await _plugin.LoginAsync(instance.Pkcs7, "nonce", role: "web");
        await _plugin.LoginAsync(instance.Pkcs7, "nonce", role: "web-canary");
        _plugin.Vault.ResetCounters();

        await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(webToken));

        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Equal([$"pki-canary/roles/canary-{instance.Hash}"], _plugin.Vault.Objects.Keys);
        Assert.Equal("web-canary", (await _plugin.RegistryRecordAsync(instance.InstanceId))!.Role);
    }

    [Fact]
    public async Task Renewal_extends_the_access_list_entry()
    {
        var (instance, auth) = await LoggedInAsync();
        _plugin.Clock.Advance(TimeSpan.FromHours(5));

        await _plugin.RenewAsync(auth);

        var entry = await _plugin.AccessListEntryAsync(instance.InstanceId);
        Assert.Equal(Start.AddHours(5), entry!.LastUpdatedTime);
        Assert.Equal(Start.AddHours(5) + _plugin.SystemView.MaxLeaseTtl, entry.ExpirationTime);
    }

    [Fact]
    public async Task Renewal_brings_vault_up_to_date_with_a_changed_template()
    {
        var (instance, auth) = await LoggedInAsync();
        await _plugin.AddTemplateAsync("web", "pki-role", "generic", "ec2-{{ InstanceHash }}", """{"allowed_domains": ["{{ FQDN }}"], "max_ttl": "24h"}""");

        await _plugin.RenewAsync(auth);

        Assert.Equal("24h", _plugin.Vault.Object(instance.PkiRolePath)!["max_ttl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Renewal_after_a_policy_was_removed_from_the_role_is_denied()
    {
        var (_, auth) = await LoggedInAsync(new JsonObject { ["token_policies"] = "metrics,logs" });
        await _plugin.SendAsync(Operations.Update, "roles/web", new JsonObject { ["token_policies"] = "logs" });
        _plugin.Vault.ResetCounters();

        var error = await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));

        Assert.Contains("policies have changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _plugin.Vault.Writes);
    }

    [Fact]
    public async Task Renewal_after_a_policy_was_added_to_the_role_is_allowed_and_keeps_the_issued_policies()
    {
        var (instance, auth) = await LoggedInAsync();
        await _plugin.SendAsync(Operations.Update, "roles/web", new JsonObject { ["token_policies"] = "metrics,logs" });

        var renewed = await _plugin.RenewAsync(auth);

        Assert.Equal([instance.PolicyName(), "metrics"], renewed.Policies);
    }

    [Fact]
    public async Task Renewal_of_a_token_without_its_issued_role_policies_is_rejected()
    {
        var (_, auth) = await LoggedInAsync();
        var damaged = auth.InternalData.DeepClone().AsObject();
        damaged.Remove("token_policies");

        await RequestAssert.BadRequestAsync(() => _plugin.RenewAsync(auth with { InternalData = damaged }));
    }

    [Fact]
    public async Task Renewal_failing_to_write_is_a_server_error()
    {
        var (instance, auth) = await LoggedInAsync();
        _plugin.Vault.DeleteBehindThePluginsBack(instance.PkiRolePath);
        _plugin.Vault.FailWritesTo(BasePath);

        await RequestAssert.ServerErrorAsync(() => _plugin.RenewAsync(auth));
    }

    [Fact]
    public async Task Renewal_without_auth_is_rejected()
    {
        await LoggedInAsync();

        await RequestAssert.BadRequestAsync(() => _plugin.SendAsync(Operations.Renew, "login"));
    }

    [Fact]
    public async Task Renewal_with_incomplete_internal_data_is_rejected()
    {
        var (_, auth) = await LoggedInAsync();
        var damaged = auth.InternalData.DeepClone().AsObject();
        damaged.Remove("pending_time");

        await RequestAssert.BadRequestAsync(() => _plugin.RenewAsync(auth with { InternalData = damaged }));
    }
}
