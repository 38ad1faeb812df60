using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Login;

/// <summary>A login either writes its whole set and returns a token, or leaves nothing behind.</summary>
public sealed class AllOrNothingTests
{
    private readonly Ec2AuthHarness _plugin = new();

    private async Task AssertNothingLeftAsync(LaunchedInstance instance)
    {
        Assert.Empty(_plugin.Vault.Policies);
        Assert.Empty(_plugin.Vault.Objects);
        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
        var record = await _plugin.RegistryRecordAsync(instance.InstanceId);
        Assert.Null(record?.Pending);
        Assert.Empty(record?.Applied.Policies ?? []);
        Assert.Empty(record?.Applied.Objects ?? []);
    }

    [Fact]
    public async Task Policy_write_failing_after_the_object_was_written_fails_the_login_and_leaves_nothing()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Vault.FailWritesTo(InMemoryVault.PolicyPathPrefix);

        await RequestAssert.ServerErrorAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        Assert.Equal(1, _plugin.Vault.Writes);
        await AssertNothingLeftAsync(instance);
    }

    [Fact]
    public async Task Object_write_failing_fails_the_login_and_leaves_nothing()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Vault.FailWritesTo(Ec2AuthHarness.BasePath, status: 503);

        var failure = await RequestAssert.ServerErrorAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        Assert.Contains("HTTP 503", failure.Message, StringComparison.Ordinal);
        await AssertNothingLeftAsync(instance);
    }

    [Fact]
    public async Task Instance_can_log_in_once_the_failure_is_gone()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Vault.FailWritesTo(InMemoryVault.PolicyPathPrefix);
        await RequestAssert.ServerErrorAsync(() => _plugin.LoginAsync(instance.Pkcs7, "first-nonce"));
        _plugin.Vault.ClearFaults();

        var auth = await _plugin.LoginAsync(instance.Pkcs7, "another-nonce");

        Assert.Equal([instance.PolicyName()], auth.Policies);
        Assert.NotNull(_plugin.Vault.Object(instance.PkiRolePath));
    }

    [Fact]
    public async Task Failed_relogin_keeps_the_access_list_entry_and_the_next_login_restores_the_set()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");
        var entry = await _plugin.AccessListEntryAsync(instance.InstanceId);
        await _plugin.AddTemplateAsync("web", "issue", "policy", "{{ InstanceHash }}", """
            path "pki/issue/ec2-{{ InstanceHash }}" {
              capabilities = ["create", "update"]
            }
            """);
        _plugin.Vault.FailWritesTo(InMemoryVault.PolicyPathPrefix);

        await RequestAssert.ServerErrorAsync(() => _plugin.LoginAsync(instance.Pkcs7, "nonce"));
        Assert.Equal(entry, await _plugin.AccessListEntryAsync(instance.InstanceId));
        Assert.Null((await _plugin.RegistryRecordAsync(instance.InstanceId))!.Pending);

        _plugin.Vault.ClearFaults();
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");
        Assert.Contains("\"create\"", _plugin.Vault.PolicyText(instance.PolicyName()), StringComparison.Ordinal);
        Assert.NotNull(_plugin.Vault.Object(instance.PkiRolePath));
    }

    [Fact]
    public async Task Writer_token_vault_refuses_fails_the_login_as_a_server_error_without_leaking_the_token()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Vault.RevokeToken(Ec2AuthHarness.WriterToken);

        var failure = await RequestAssert.ServerErrorAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        Assert.DoesNotContain(Ec2AuthHarness.WriterToken, failure.Message, StringComparison.Ordinal);
        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Concurrent_logins_of_one_instance_with_its_nonce_leave_one_consistent_set()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Vault.BeforeWrite = async _ => await Task.Yield();

        var logins = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _plugin.LoginAsync(instance.Pkcs7, "shared-nonce"))));

        Assert.All(logins, auth => Assert.Equal([instance.PolicyName()], auth.Policies));
        Assert.Equal(2, _plugin.Vault.Writes);
        Assert.Equal([instance.PolicyName()], _plugin.Vault.Policies.Keys);
        Assert.Equal([instance.PkiRolePath], _plugin.Vault.Objects.Keys);
        Assert.Equal([instance.InstanceId], await _plugin.Storage.ListAsync(VaultEc2Auth.Login.AccessList.Prefix, CancellationToken.None));
        var record = await _plugin.RegistryRecordAsync(instance.InstanceId);
        Assert.Null(record!.Pending);
        Assert.Single(record.Applied.Policies);
    }

    [Fact]
    public async Task Concurrent_first_logins_without_a_nonce_bind_exactly_one_generated_nonce()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Vault.BeforeWrite = async _ => await Task.Yield();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (await _plugin.LoginAsync(instance.Pkcs7)).Metadata["nonce"];
            }
            catch (RequestException refusal) when (refusal.Kind == RequestErrorKind.PermissionDenied)
            {
                return null;
            }
        })));

        var nonce = Assert.Single(outcomes, outcome => outcome is not null);
        await _plugin.LoginAsync(instance.Pkcs7, nonce);
    }

    [Fact]
    public async Task Concurrent_logins_of_different_instances_each_get_their_own_set()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instances = Enumerable.Range(1, 6).Select(index => _plugin.Launch($"i-0{index}aaaaaaaaaaaaaaa")).ToList();
        _plugin.Vault.BeforeWrite = async _ => await Task.Yield();

        await Task.WhenAll(instances.Select(instance => Task.Run(() => _plugin.LoginAsync(instance.Pkcs7, "nonce"))));

        Assert.Equal(instances.Select(instance => instance.PolicyName()).Order(StringComparer.Ordinal), _plugin.Vault.Policies.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(instances.Select(instance => instance.PkiRolePath).Order(StringComparer.Ordinal), _plugin.Vault.Objects.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Relogin_after_a_template_was_removed_deletes_its_object()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");

        await _plugin.DeleteAsync("templates/web/pki-role");
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");

        Assert.Empty(_plugin.Vault.Objects);
        Assert.Equal([instance.PolicyName()], _plugin.Vault.Policies.Keys);
        Assert.Empty((await _plugin.RegistryRecordAsync(instance.InstanceId))!.Applied.Objects);
    }

    [Fact]
    public async Task Relogin_after_a_template_changed_rewrites_only_what_changed()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");
        await _plugin.AddTemplateAsync("web", "pki-role", "generic", "ec2-{{ InstanceHash }}", """{"allowed_domains": ["{{ FQDN }}"], "max_ttl": "72h"}""");
        _plugin.Vault.ResetCounters();

        await _plugin.LoginAsync(instance.Pkcs7, "nonce");

        Assert.Equal(1, _plugin.Vault.Writes);
        Assert.Equal("72h", _plugin.Vault.Object(instance.PkiRolePath)!["max_ttl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Relogin_with_another_role_replaces_the_first_roles_set()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.CreateRoleAsync("web-canary", new JsonObject { ["base_path"] = "pki-canary/roles" });
        await _plugin.AddTemplateAsync("web-canary", "pki-role", "generic", "canary-{{ InstanceHash }}", Ec2AuthHarness.PkiRoleTemplate);
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, "nonce", role: "web");

        var auth = await _plugin.LoginAsync(instance.Pkcs7, "nonce", role: "web-canary");

        Assert.Empty(auth.Policies);
        Assert.Empty(_plugin.Vault.Policies);
        Assert.Equal([$"pki-canary/roles/canary-{instance.Hash}"], _plugin.Vault.Objects.Keys);
        Assert.Equal("web-canary", (await _plugin.RegistryRecordAsync(instance.InstanceId))!.Role);
    }

    [Fact]
    public async Task Relogin_after_the_roles_base_path_changed_moves_the_object()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");

        await _plugin.SendAsync(Operations.Update, "roles/web", new JsonObject { ["base_path"] = "pki-int/roles" });
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");

        Assert.Equal([$"pki-int/roles/ec2-{instance.Hash}"], _plugin.Vault.Objects.Keys);
    }

    [Fact]
    public async Task Relogin_after_the_policy_prefix_changed_replaces_the_policy_and_the_tokens_policy_name()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");

        await _plugin.SendAsync(Operations.Update, "config/vault", new JsonObject { ["policy_prefix"] = "fleet-" });
        var auth = await _plugin.LoginAsync(instance.Pkcs7, "nonce");

        Assert.Equal(["fleet-" + instance.Hash], auth.Policies);
        Assert.Equal(["fleet-" + instance.Hash], _plugin.Vault.Policies.Keys);
    }
}
