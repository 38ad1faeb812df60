using System.Text;
using System.Text.Json.Nodes;
using VaultEc2Auth.Login;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Login;

/// <summary>The access list: Vault's EC2 replay defence with nonces and pendingTime.</summary>
public sealed class ReauthenticationTests
{
    private const string Nonce = "5defbf9e-a8f9-3063-bdfc-54b7a42a1f95";

    private readonly Ec2AuthHarness _plugin = new();

    private async Task<LaunchedInstance> LoggedInAsync(JsonObject? roleFields = null, string? nonce = Nonce)
    {
        await _plugin.SetUpPkiRoleAsync(roleFields);
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, nonce);
        return instance;
    }

    [Fact]
    public async Task Second_login_with_the_same_nonce_is_accepted_and_writes_nothing()
    {
        var instance = await LoggedInAsync();
        _plugin.Vault.ResetCounters();

        var auth = await _plugin.LoginAsync(instance.Pkcs7, Nonce);

        Assert.Equal([instance.PolicyName()], auth.Policies);
        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Equal(0, _plugin.Vault.Deletes);
    }

    [Fact]
    public async Task Relogin_with_an_unchanged_set_trusts_the_registry_and_renewal_puts_back_what_was_deleted()
    {
        var instance = await LoggedInAsync();
        _plugin.Vault.DeleteBehindThePluginsBack(instance.PkiRolePath);

        var auth = await _plugin.LoginAsync(instance.Pkcs7, Nonce);
        Assert.Null(_plugin.Vault.Object(instance.PkiRolePath));

        await _plugin.RenewAsync(auth);
        Assert.NotNull(_plugin.Vault.Object(instance.PkiRolePath));
    }

    [Fact]
    public async Task Second_login_with_the_generated_nonce_is_accepted()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        var first = await _plugin.LoginAsync(instance.Pkcs7);

        var second = await _plugin.LoginAsync(instance.Pkcs7, first.Metadata["nonce"]);

        Assert.Equal(instance.InstanceId, second.AliasName);
        Assert.False(second.Metadata.ContainsKey("nonce"));
    }

    [Fact]
    public async Task Second_login_with_a_wrong_nonce_is_denied()
    {
        var instance = await LoggedInAsync();

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "someone-elses-guess"));
    }

    [Fact]
    public async Task Second_login_without_a_nonce_is_denied_after_a_nonce_was_bound()
    {
        var instance = await LoggedInAsync();

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7));
    }

    [Fact]
    public async Task Older_document_is_denied_even_with_the_right_nonce()
    {
        var instance = await LoggedInAsync();
        var older = _plugin.DocumentWithPendingTime(instance, instance.Document.PendingTime.AddDays(-3));

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(older, Nonce));
    }

    [Fact]
    public async Task Newer_document_with_the_same_nonce_is_accepted_and_becomes_the_reference()
    {
        var instance = await LoggedInAsync();
        var restarted = instance.Document.PendingTime.AddHours(1);

        await _plugin.LoginAsync(_plugin.DocumentWithPendingTime(instance, restarted), Nonce);

        Assert.Equal(restarted, (await _plugin.AccessListEntryAsync(instance.InstanceId))!.PendingTime);
        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, Nonce));
    }

    [Fact]
    public async Task Newer_document_with_another_nonce_is_denied_without_instance_migration()
    {
        var instance = await LoggedInAsync();
        var restarted = _plugin.DocumentWithPendingTime(instance, instance.Document.PendingTime.AddHours(1));

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(restarted, "nonce-after-restart"));
    }

    [Fact]
    public async Task Newer_document_with_another_nonce_is_accepted_with_instance_migration_and_rebinds_the_nonce()
    {
        var instance = await LoggedInAsync(new JsonObject { ["allow_instance_migration"] = true });
        var restarted = _plugin.DocumentWithPendingTime(instance, instance.Document.PendingTime.AddHours(1));

        await _plugin.LoginAsync(restarted, "nonce-after-restart");

        await _plugin.LoginAsync(restarted, "nonce-after-restart");
        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(restarted, Nonce));
    }

    [Fact]
    public async Task Same_document_with_another_nonce_is_denied_even_with_instance_migration()
    {
        var instance = await LoggedInAsync(new JsonObject { ["allow_instance_migration"] = true });

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "another-nonce"));
    }

    [Fact]
    public async Task Disallow_reauthentication_denies_the_second_login_even_with_the_right_nonce()
    {
        var instance = await LoggedInAsync(new JsonObject { ["disallow_reauthentication"] = true });

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, Nonce));
    }

    [Fact]
    public async Task Disallow_reauthentication_set_after_the_first_login_denies_the_next()
    {
        var instance = await LoggedInAsync();

        await _plugin.SendAsync(Operations.Update, "roles/web", new JsonObject { ["disallow_reauthentication"] = true });

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, Nonce));
    }

    [Fact]
    public async Task Empty_nonce_allows_one_login_and_no_reauthentication()
    {
        var instance = await LoggedInAsync(nonce: "");

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, ""));
        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7));
    }

    [Fact]
    public async Task Empty_nonce_returns_no_generated_nonce()
    {
        await _plugin.SetUpPkiRoleAsync();

        var auth = await _plugin.LoginAsync(_plugin.Launch().Pkcs7, nonce: "");

        Assert.False(auth.Metadata.ContainsKey("nonce"));
    }

    [Fact]
    public async Task Nonce_of_128_characters_is_accepted()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await _plugin.LoginAsync(instance.Pkcs7, new string('n', 128));
        await _plugin.LoginAsync(instance.Pkcs7, new string('n', 128));
    }

    [Fact]
    public async Task Nonce_over_128_characters_is_rejected_before_anything_is_written()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await RequestAssert.BadRequestAsync(() => _plugin.LoginAsync(instance.Pkcs7, new string('n', 129)));

        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Access_list_entry_holds_no_plaintext_nonce()
    {
        var instance = await LoggedInAsync();

        var stored = await _plugin.Storage.GetAsync(AccessList.Prefix + instance.InstanceId, CancellationToken.None);

        Assert.DoesNotContain(Nonce, Encoding.UTF8.GetString(stored!.Value), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Nonce)), Encoding.UTF8.GetString(stored.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_list_entry_holds_no_plaintext_generated_nonce()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        var auth = await _plugin.LoginAsync(instance.Pkcs7);

        var stored = await _plugin.Storage.GetAsync(AccessList.Prefix + instance.InstanceId, CancellationToken.None);

        Assert.DoesNotContain(auth.Metadata["nonce"], Encoding.UTF8.GetString(stored!.Value), StringComparison.Ordinal);
    }

    // Issue 16, finding (2): an entry past its expiration must still bind the nonce; only tidy removes it.
    [Fact]
    public async Task Quiet_instance_past_its_max_ttl_cannot_be_impersonated_without_its_nonce()
    {
        _plugin.SystemView.MaxLeaseTtl = TimeSpan.FromHours(1);
        var instance = await LoggedInAsync(new JsonObject { ["token_max_ttl"] = "1h" });
        _plugin.Clock.Advance(TimeSpan.FromDays(30));

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "attackers-nonce"));
        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7));
        var auth = await _plugin.LoginAsync(instance.Pkcs7, Nonce);
        Assert.Equal(instance.InstanceId, auth.AliasName);
    }

    [Fact]
    public async Task Disallowed_reauthentication_does_not_lapse_when_the_entry_expires()
    {
        _plugin.SystemView.MaxLeaseTtl = TimeSpan.FromHours(1);
        var instance = await LoggedInAsync(new JsonObject { ["token_max_ttl"] = "1h", ["disallow_reauthentication"] = true });
        _plugin.Clock.Advance(TimeSpan.FromDays(30));

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, Nonce));
    }

    [Fact]
    public async Task Access_list_entry_lives_for_the_mounts_max_ttl_when_it_is_longer_than_the_roles()
    {
        _plugin.SystemView.MaxLeaseTtl = TimeSpan.FromHours(10);
        var instance = await LoggedInAsync(new JsonObject { ["token_max_ttl"] = "2h" });

        Assert.Equal(Ec2AuthHarness.Start.AddHours(10), (await _plugin.AccessListEntryAsync(instance.InstanceId))!.ExpirationTime);
    }

    [Fact]
    public async Task Access_list_entry_lives_for_the_roles_max_ttl_when_it_is_longer_than_the_mounts()
    {
        _plugin.SystemView.MaxLeaseTtl = TimeSpan.FromHours(1);
        var instance = await LoggedInAsync(new JsonObject { ["token_max_ttl"] = "5h" });

        Assert.Equal(Ec2AuthHarness.Start.AddHours(5), (await _plugin.AccessListEntryAsync(instance.InstanceId))!.ExpirationTime);
    }

    [Fact]
    public async Task Access_list_entry_lives_for_the_token_period_when_it_is_longer_than_the_max_ttls()
    {
        _plugin.SystemView.MaxLeaseTtl = TimeSpan.FromHours(1);
        var instance = await LoggedInAsync(new JsonObject { ["token_max_ttl"] = "2h", ["token_period"] = "48h" });

        Assert.Equal(Ec2AuthHarness.Start.AddHours(48), (await _plugin.AccessListEntryAsync(instance.InstanceId))!.ExpirationTime);
    }

    [Fact]
    public async Task Access_list_entry_is_still_binding_just_before_it_expires()
    {
        var instance = await LoggedInAsync(new JsonObject { ["token_max_ttl"] = "2h" });
        _plugin.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "fresh-nonce"));
    }
}
