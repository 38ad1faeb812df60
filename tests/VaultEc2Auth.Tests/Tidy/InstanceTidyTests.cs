using System.Text.Json.Nodes;
using VaultEc2Auth.Instances;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Tidy;

/// <summary><c>tidy/instances</c>: what logins wrote goes once its instance is gone, and nothing else.</summary>
public sealed class InstanceTidyTests
{
    private const string Nonce = "tidy-nonce";

    private readonly Ec2AuthHarness _plugin = new();

    private async Task<LaunchedInstance> LoggedInAsync(string instanceId = "i-0123456789abcdef0", JsonObject? roleFields = null)
    {
        if (await _plugin.ReadAsync("roles/web") is null)
        {
            await _plugin.SetUpPkiRoleAsync(roleFields);
        }

        var instance = _plugin.Launch(instanceId);
        await _plugin.LoginAsync(instance.Pkcs7, Nonce);
        return instance;
    }

    private void AssertNothingInVaultFor(LaunchedInstance instance)
    {
        Assert.Null(_plugin.Vault.PolicyText(instance.PolicyName()));
        Assert.Null(_plugin.Vault.Object(instance.PkiRolePath));
    }

    private void AssertInVault(LaunchedInstance instance)
    {
        Assert.NotNull(_plugin.Vault.PolicyText(instance.PolicyName()));
        Assert.NotNull(_plugin.Vault.Object(instance.PkiRolePath));
    }

    [Fact]
    public async Task Terminated_instance_loses_its_policy_pki_role_record_and_access_list_entry()
    {
        var instance = await LoggedInAsync();
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Terminated);

        var counts = await _plugin.TidyAsync();

        Assert.Equal(new TidyCounts(1, 1, 0, 0, 1, []), counts);
        AssertNothingInVaultFor(instance);
        Assert.Null(await _plugin.RegistryRecordAsync(instance.InstanceId));
        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Terminated_instance_releases_its_ownership_claims_so_none_outlives_it()
    {
        var instance = await LoggedInAsync();
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Terminated);

        await _plugin.TidyAsync();

        var snapshot = await _plugin.StorageSnapshotAsync();
        Assert.DoesNotContain(OwnershipIndex.KeyOf("policy:" + instance.PolicyName()), snapshot.Keys);
        Assert.DoesNotContain(OwnershipIndex.KeyOf("object:" + instance.PkiRolePath), snapshot.Keys);
    }

    [Fact]
    public async Task Instance_of_another_account_is_asked_about_with_that_accounts_sts_role_and_kept_while_it_runs()
    {
        const string otherAccount = "210987654321";
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.WriteAsync($"config/sts/{otherAccount}", new JsonObject { ["sts_role"] = $"arn:aws:iam::{otherAccount}:role/vault-describer" });
        var instance = _plugin.Launch("i-0b1b2c3d4e5f60718", accountId: otherAccount);
        await _plugin.LoginAsync(instance.Pkcs7, Nonce);

        var counts = await _plugin.TidyAsync();

        Assert.Equal(new TidyCounts(1, 0, 1, 0, 0, []), counts);
        Assert.Equal($"arn:aws:iam::{otherAccount}:role/vault-describer", _plugin.Describer.LastStsRole?.StsRole);
        AssertInVault(instance);
    }

    [Fact]
    public async Task Second_tidy_right_after_the_first_removes_nothing()
    {
        var gone = await LoggedInAsync("i-0123456789abc0001");
        await LoggedInAsync("i-0123456789abc0002");
        _plugin.Describer.SetState(gone.InstanceId, InstanceState.Terminated);
        await _plugin.TidyAsync();
        _plugin.Vault.ResetCounters();

        var second = await _plugin.TidyAsync();

        Assert.Equal(new TidyCounts(1, 0, 1, 0, 0, []), second);
        Assert.Equal(0, _plugin.Vault.Deletes);
    }

    [Fact]
    public async Task Instance_unknown_to_ec2_loses_its_objects_but_its_nonce_still_binds()
    {
        var instance = await LoggedInAsync();
        _plugin.Describer.Remove(instance.InstanceId);

        var counts = await _plugin.TidyAsync();

        Assert.Equal(1, counts.Removed);
        AssertNothingInVaultFor(instance);
        Assert.NotNull(await _plugin.AccessListEntryAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Running_instance_keeps_everything()
    {
        var instance = await LoggedInAsync();
        var before = await _plugin.StorageSnapshotAsync();

        var counts = await _plugin.TidyAsync();

        Assert.Equal(new TidyCounts(1, 0, 1, 0, 0, []), counts);
        AssertInVault(instance);
        Assert.Equal(before.Where(pair => !pair.Key.StartsWith("tidy/", StringComparison.Ordinal)), (await _plugin.StorageSnapshotAsync()).Where(pair => !pair.Key.StartsWith("tidy/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Stopped_instance_is_kept_within_stopped_grace_and_removed_after_it_keeping_its_nonce_binding()
    {
        var instance = await LoggedInAsync();
        await _plugin.WriteAsync("config/tidy", new JsonObject { ["stopped_grace"] = "2h" });
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Stopped);

        Assert.Equal(1, (await _plugin.TidyAsync()).Kept);
        _plugin.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, (await _plugin.TidyAsync()).Kept);
        AssertInVault(instance);

        _plugin.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, (await _plugin.TidyAsync()).Removed);
        AssertNothingInVaultFor(instance);
        Assert.NotNull(await _plugin.AccessListEntryAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Instance_that_logs_in_while_the_tidy_decides_keeps_what_its_login_relies_on()
    {
        var instance = await LoggedInAsync();
        await _plugin.WriteAsync("config/tidy", new JsonObject { ["stopped_grace"] = "1h" });
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Stopped);
        await _plugin.TidyAsync();
        _plugin.Clock.Advance(TimeSpan.FromHours(2));
        _plugin.Describer.WhileDescribingBatch = async () =>
        {
            _plugin.Describer.WhileDescribingBatch = null;
            _plugin.Describer.SetState(instance.InstanceId, InstanceState.Running);
            _plugin.Clock.Advance(TimeSpan.FromSeconds(1));
            await _plugin.LoginAsync(instance.Pkcs7, Nonce);
        };

        var counts = await _plugin.TidyAsync();

        Assert.Equal(0, counts.Removed);
        AssertInVault(instance);
    }

    [Fact]
    public async Task Instance_that_ran_again_before_stopped_grace_ended_starts_its_grace_afresh()
    {
        var instance = await LoggedInAsync();
        await _plugin.WriteAsync("config/tidy", new JsonObject { ["stopped_grace"] = "2h" });
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Stopped);
        await _plugin.TidyAsync();
        _plugin.Clock.Advance(TimeSpan.FromHours(1));
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Running);
        await _plugin.TidyAsync();
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Stopped);
        await _plugin.TidyAsync();

        _plugin.Clock.Advance(TimeSpan.FromHours(1.5));

        Assert.Equal(1, (await _plugin.TidyAsync()).Kept);
        AssertInVault(instance);
    }

    [Fact]
    public async Task Instance_whose_last_login_is_older_than_its_longest_token_plus_safety_buffer_is_removed_without_asking_ec2()
    {
        _plugin.SystemView.MaxLeaseTtl = TimeSpan.FromHours(1);
        var instance = await LoggedInAsync(roleFields: new JsonObject { ["token_max_ttl"] = "2h" });
        await _plugin.WriteAsync("config/tidy", new JsonObject { ["safety_buffer"] = "1h" });

        _plugin.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(1, (await _plugin.TidyAsync()).Kept);

        _plugin.Clock.Advance(TimeSpan.FromSeconds(1));
        var batchCalls = _plugin.Describer.BatchCalls;
        var counts = await _plugin.TidyAsync();

        Assert.Equal(new TidyCounts(1, 1, 0, 0, 1, []), counts);
        Assert.Equal(batchCalls, _plugin.Describer.BatchCalls);
        AssertNothingInVaultFor(instance);
    }

    [Fact]
    public async Task Failed_removal_keeps_the_record_and_is_reported_and_the_next_tidy_finishes_it()
    {
        var instance = await LoggedInAsync();
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Terminated);
        _plugin.Vault.RevokeToken(WriterToken);

        var counts = await _plugin.TidyAsync();

        Assert.Equal((1, 0, 1), (counts.Checked, counts.Removed, counts.Failed));
        Assert.Contains(counts.Errors, error => error.StartsWith(instance.InstanceId, StringComparison.Ordinal) && error.Contains("revoked", StringComparison.Ordinal));
        Assert.DoesNotContain(counts.Errors, error => error.Contains(WriterToken, StringComparison.Ordinal));
        Assert.NotNull(await _plugin.RegistryRecordAsync(instance.InstanceId));
        Assert.NotNull(await _plugin.AccessListEntryAsync(instance.InstanceId));

        _plugin.Vault.AcceptToken(WriterToken, WriterTokenInfo);
        Assert.Equal(1, (await _plugin.TidyAsync()).Removed);
        AssertNothingInVaultFor(instance);
    }

    [Fact]
    public async Task Failed_ec2_batch_keeps_its_instances_and_is_reported()
    {
        var instance = await LoggedInAsync();
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Terminated);
        _plugin.Describer.FailBatchesWith = instance.InstanceId;

        var counts = await _plugin.TidyAsync();

        Assert.Equal((1, 0, 1), (counts.Checked, counts.Removed, counts.Failed));
        Assert.Contains(counts.Errors, error => error.Contains("RequestLimitExceeded", StringComparison.Ordinal));
        AssertInVault(instance);
        Assert.NotNull(await _plugin.RegistryRecordAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Ec2_is_asked_in_batches_of_batch_size_ids_per_region()
    {
        await _plugin.SetUpPkiRoleAsync();
        for (var i = 0; i < 25; i++)
        {
            await LoggedInAsync($"i-0123456789ab{i:x5}");
        }

        await _plugin.WriteAsync("config/tidy", new JsonObject { ["batch_size"] = 10 });

        var counts = await _plugin.TidyAsync();

        Assert.Equal(25, counts.Kept);
        Assert.Equal(3, _plugin.Describer.BatchCalls);
        Assert.Equal(10, _plugin.Describer.LargestBatch);
    }

    [Fact]
    public async Task What_a_crashed_first_login_wrote_is_removed_with_its_record()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Vault.BeforeWrite = path => path.StartsWith(InMemoryVault.PolicyPathPrefix, StringComparison.Ordinal)
            ? Task.FromException(new IOException("the plugin process was killed"))
            : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => _plugin.LoginAsync(instance.Pkcs7, Nonce));
        _plugin.Vault.BeforeWrite = null;
        Assert.NotNull(_plugin.Vault.Object(instance.PkiRolePath));
        Assert.NotNull((await _plugin.RegistryRecordAsync(instance.InstanceId))!.Pending);

        var counts = await _plugin.TidyAsync();

        Assert.Equal(1, counts.Removed);
        AssertNothingInVaultFor(instance);
        Assert.Null(await _plugin.RegistryRecordAsync(instance.InstanceId));
        Assert.Empty(_plugin.Vault.Objects);
    }

    [Fact]
    public async Task What_a_crashed_relogin_added_is_removed_and_what_the_instance_had_stays()
    {
        var instance = await LoggedInAsync();
        await _plugin.AddTemplateAsync("web", "extra", "generic", "extra-{{ InstanceHash }}", """{"allowed_domains": ["{{ FQDN }}"]}""");
        _plugin.Vault.BeforeWrite = path => path.StartsWith(InMemoryVault.PolicyPathPrefix, StringComparison.Ordinal)
            ? Task.FromException(new IOException("the plugin process was killed"))
            : Task.CompletedTask;
        await _plugin.AddTemplateAsync("web", "issue", "policy", "{{ InstanceHash }}", """path "pki/issue/ec2-{{ InstanceHash }}" { capabilities = ["create", "update"] }""");
        await Assert.ThrowsAsync<IOException>(() => _plugin.LoginAsync(instance.Pkcs7, Nonce));
        _plugin.Vault.BeforeWrite = null;

        var counts = await _plugin.TidyAsync();

        Assert.Equal(1, counts.Kept);
        Assert.Null(_plugin.Vault.Object($"{BasePath}/extra-{instance.Hash}"));
        AssertInVault(instance);
        var record = await _plugin.RegistryRecordAsync(instance.InstanceId);
        Assert.Null(record!.Pending);
        Assert.Equal([instance.PkiRolePath], record.Applied.Objects.Select(item => item.Path));
    }

    [Fact]
    public async Task Deleted_roles_objects_go_at_the_next_tidy_and_its_access_list_entry_stays()
    {
        var instance = await LoggedInAsync();
        await _plugin.DeleteAsync("roles/web");

        var counts = await _plugin.TidyAsync();

        Assert.Equal(1, counts.Removed);
        AssertNothingInVaultFor(instance);
        Assert.Null(await _plugin.RegistryRecordAsync(instance.InstanceId));
        Assert.NotNull(await _plugin.AccessListEntryAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Deleted_templates_objects_go_at_the_next_tidy_and_the_rest_stays()
    {
        var instance = await LoggedInAsync();
        await _plugin.DeleteAsync("templates/web/pki-role");

        var counts = await _plugin.TidyAsync();

        Assert.Equal(1, counts.Kept);
        Assert.Null(_plugin.Vault.Object(instance.PkiRolePath));
        Assert.NotNull(_plugin.Vault.PolicyText(instance.PolicyName()));
        Assert.Equal(["issue"], (await _plugin.ReadAsync($"instances/{instance.InstanceId}"))!.Data!["templates"]!.AsArray().Select(name => name!.GetValue<string>()));
    }

    [Fact]
    public async Task Access_list_entry_is_dropped_once_its_expiration_plus_safety_buffer_has_passed_and_never_earlier()
    {
        _plugin.SystemView.MaxLeaseTtl = TimeSpan.FromHours(1);
        var instance = await LoggedInAsync(roleFields: new JsonObject { ["token_max_ttl"] = "1h" });
        await _plugin.DeleteAsync($"instances/{instance.InstanceId}");
        await _plugin.WriteAsync("config/tidy", new JsonObject { ["safety_buffer"] = "2h" });

        _plugin.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, (await _plugin.TidyAsync()).AccessListRemoved);
        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "attackers-nonce"));

        _plugin.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await _plugin.TidyAsync()).AccessListRemoved);
        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Second_tidy_while_one_runs_says_so_at_once()
    {
        await LoggedInAsync();
        var pause = _plugin.Storage.PauseNext(StorageCall.List, "instances/");
        var first = _plugin.TidyAsync();
        await pause.Reached;

        var second = await Assert.ThrowsAsync<RequestException>(() => _plugin.TidyAsync());

        Assert.Equal((RequestErrorKind.Coded, 409), (second.Kind, second.StatusCode));
        Assert.Contains("already running", second.Message, StringComparison.Ordinal);
        pause.Release();
        Assert.Equal(1, (await first).Kept);
    }

    [Fact]
    public async Task Status_shows_the_last_runs_times_counts_and_errors()
    {
        var instance = await LoggedInAsync();
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Terminated);
        Assert.Null(await _plugin.ReadAsync("tidy/status"));

        await _plugin.TidyAsync();

        var status = (await _plugin.ReadAsync("tidy/status"))!.Data!;
        Assert.Equal("tidy/instances", status["trigger"]!.GetValue<string>());
        Assert.Equal(Start, DateTimeOffset.Parse(status["start_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Start, DateTimeOffset.Parse(status["end_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(status["running"]!.GetValue<bool>());
        Assert.Equal(new TidyCounts(1, 1, 0, 0, 1, []), TidyCounts.From(status));
    }
}
