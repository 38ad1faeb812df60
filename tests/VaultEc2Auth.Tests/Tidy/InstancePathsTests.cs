using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Tidy;

/// <summary><c>instances/</c>: operators see what the plugin wrote for each instance, and can remove it now.</summary>
public sealed class InstancePathsTests
{
    private const string Nonce = "a-secret-nonce-value";

    private readonly Ec2AuthHarness _plugin = new();

    private async Task<LaunchedInstance> LoggedInAsync(string instanceId = "i-0123456789abcdef0")
    {
        if (await _plugin.ReadAsync("roles/web") is null)
        {
            await _plugin.SetUpPkiRoleAsync();
        }

        var instance = _plugin.Launch(instanceId);
        await _plugin.LoginAsync(instance.Pkcs7, Nonce);
        return instance;
    }

    [Fact]
    public async Task List_names_every_instance_the_plugin_wrote_for()
    {
        await LoggedInAsync("i-0123456789abc0001");
        await LoggedInAsync("i-0123456789abc0002");

        Assert.Equal(["i-0123456789abc0001", "i-0123456789abc0002"], await _plugin.ListKeysAsync("instances/"));
    }

    [Fact]
    public async Task Read_shows_what_was_written_when_by_which_role_and_templates_and_the_last_login()
    {
        var instance = await LoggedInAsync();
        _plugin.Clock.Advance(TimeSpan.FromMinutes(5));
        await _plugin.LoginAsync(instance.Pkcs7, Nonce);

        var data = (await _plugin.ReadAsync($"instances/{instance.InstanceId}"))!.Data!;

        Assert.Equal(instance.InstanceId, data["instance_id"]!.GetValue<string>());
        Assert.Equal("web", data["role"]!.GetValue<string>());
        Assert.Equal(["issue", "pki-role"], Strings(data["templates"]));
        Assert.Equal([instance.PolicyName()], Strings(data["policies"]));
        Assert.Equal([instance.PkiRolePath], Strings(data["objects"]));
        Assert.Empty(Strings(data["pending_policies"]));
        Assert.Equal(Ec2AuthHarness.Start, Time(data["updated_time"]));
        Assert.Equal(Ec2AuthHarness.Start, Time(data["first_login_time"]));
        Assert.Equal(Ec2AuthHarness.Start.AddMinutes(5), Time(data["last_login_time"]));
    }

    [Fact]
    public async Task Read_holds_no_secret_and_no_written_content()
    {
        var instance = await LoggedInAsync();
        var entry = await _plugin.AccessListEntryAsync(instance.InstanceId);

        var text = (await _plugin.ReadAsync($"instances/{instance.InstanceId}"))!.Data!.ToJsonString();

        Assert.DoesNotContain(Nonce, text, StringComparison.Ordinal);
        Assert.DoesNotContain(entry!.NonceHash!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(entry.NonceSalt!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Ec2AuthHarness.WriterToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("capabilities", text, StringComparison.Ordinal);
        Assert.DoesNotContain("allowed_domains", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_of_an_unknown_instance_is_not_found() =>
        Assert.Null(await _plugin.ReadAsync("instances/i-0000000000000dead"));

    [Fact]
    public async Task Delete_removes_the_instances_objects_and_record_now_and_its_nonce_still_binds()
    {
        var instance = await LoggedInAsync();

        await _plugin.DeleteAsync($"instances/{instance.InstanceId}");

        Assert.Null(_plugin.Vault.PolicyText(instance.PolicyName()));
        Assert.Null(_plugin.Vault.Object(instance.PkiRolePath));
        Assert.Null(await _plugin.RegistryRecordAsync(instance.InstanceId));
        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "attackers-nonce"));
        await _plugin.LoginAsync(instance.Pkcs7, Nonce);
        Assert.NotNull(_plugin.Vault.PolicyText(instance.PolicyName()));
    }

    [Fact]
    public async Task Renewal_after_delete_is_refused_and_writes_nothing_back()
    {
        var instance = await LoggedInAsync();
        var auth = await _plugin.LoginAsync(instance.Pkcs7, Nonce);
        await _plugin.DeleteAsync($"instances/{instance.InstanceId}");

        var refusal = await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));

        Assert.Contains("log in again", refusal.Message, StringComparison.Ordinal);
        Assert.Null(_plugin.Vault.PolicyText(instance.PolicyName()));
        Assert.Null(await _plugin.RegistryRecordAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Delete_that_vault_refuses_keeps_the_record_and_fails_with_a_5xx()
    {
        var instance = await LoggedInAsync();
        _plugin.Vault.RevokeToken(Ec2AuthHarness.WriterToken);

        await RequestAssert.ServerErrorAsync(() => _plugin.DeleteAsync($"instances/{instance.InstanceId}"));

        Assert.NotNull(await _plugin.RegistryRecordAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Help_says_deleted_roles_and_templates_objects_go_at_the_next_tidy()
    {
        var help = (await _plugin.SendAsync(Operations.Help, "instances/i-0123456789abcdef0"))!.Data!["help"]!.GetValue<string>();

        Assert.Contains("deleted role or template go at the next tidy", help.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(item => item!.GetValue<string>())];

    private static DateTimeOffset Time(JsonNode? node) =>
        DateTimeOffset.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
