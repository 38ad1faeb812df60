using System.Text.Json.Nodes;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Tests.Config;

/// <summary><c>config/sts/&lt;account_id&gt;</c>: the role assumed to describe another account's instances.</summary>
public sealed class StsConfigTests
{
    private const string OtherAccountId = "210987654321";
    private const string DescriberRoleArn = "arn:aws:iam::210987654321:role/vault-describer";

    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Sts_role_is_written_read_listed_and_deleted()
    {
        await _plugin.WriteAsync($"config/sts/{OtherAccountId}", new JsonObject { ["sts_role"] = DescriberRoleArn, ["external_id"] = "vault-ext-7f3a" });
        await _plugin.WriteAsync("config/sts/345678901234", new JsonObject { ["sts_role"] = "arn:aws:iam::345678901234:role/ops/vault", ["session_name"] = "vault-eu" });

        var read = (await _plugin.ReadAsync($"config/sts/{OtherAccountId}"))!.Data!;
        Assert.Equal(DescriberRoleArn, read["sts_role"]!.GetValue<string>());
        Assert.Equal("vault-ext-7f3a", read["external_id"]!.GetValue<string>());
        Assert.Equal(AccountStsRole.DefaultSessionName, read["session_name"]!.GetValue<string>());
        Assert.Equal([OtherAccountId, "345678901234"], (await _plugin.ListKeysAsync("config/sts/")).Order(StringComparer.Ordinal));

        await _plugin.DeleteAsync($"config/sts/{OtherAccountId}");

        Assert.Null(await _plugin.ReadAsync($"config/sts/{OtherAccountId}"));
        Assert.Equal(["345678901234"], await _plugin.ListKeysAsync("config/sts/"));
    }

    [Fact]
    public async Task Update_changes_only_the_fields_given()
    {
        await _plugin.WriteAsync($"config/sts/{OtherAccountId}", new JsonObject { ["sts_role"] = DescriberRoleArn, ["external_id"] = "vault-ext-7f3a" });

        await _plugin.WriteAsync($"config/sts/{OtherAccountId}", new JsonObject { ["session_name"] = "vault-prod" });

        var read = (await _plugin.ReadAsync($"config/sts/{OtherAccountId}"))!.Data!;
        Assert.Equal((DescriberRoleArn, "vault-ext-7f3a", "vault-prod"),
            (read["sts_role"]!.GetValue<string>(), read["external_id"]!.GetValue<string>(), read["session_name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("21098765432", DescriberRoleArn, null, null, "account_id")]
    [InlineData("21098765432x", DescriberRoleArn, null, null, "account_id")]
    [InlineData(OtherAccountId, "", null, null, "sts_role")]
    [InlineData(OtherAccountId, "vault-describer", null, null, "sts_role")]
    [InlineData(OtherAccountId, "arn:aws:iam::210987654321:user/vault", null, null, "sts_role")]
    [InlineData(OtherAccountId, "arn:aws:iam::123456789012:role/vault-describer", null, null, "account 210987654321")]
    [InlineData(OtherAccountId, DescriberRoleArn, "x", null, "external_id")]
    [InlineData(OtherAccountId, DescriberRoleArn, "has space", null, "external_id")]
    [InlineData(OtherAccountId, DescriberRoleArn, null, "a", "session_name")]
    [InlineData(OtherAccountId, DescriberRoleArn, null, "vault/session", "session_name")]
    public async Task Malformed_entry_is_a_400_naming_the_field_and_nothing_is_stored(
        string accountId, string stsRole, string? externalId, string? sessionName, string named)
    {
        var data = new JsonObject { ["sts_role"] = stsRole };
        if (externalId is not null)
        {
            data["external_id"] = externalId;
        }
        if (sessionName is not null)
        {
            data["session_name"] = sessionName;
        }

        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync($"config/sts/{accountId}", data));

        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_plugin.Storage.Keys, key => key.StartsWith("config/sts/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_of_an_instance_is_described_with_the_role_of_its_own_account_only()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.WriteAsync($"config/sts/{OtherAccountId}", new JsonObject { ["sts_role"] = DescriberRoleArn });
        var home = _plugin.Launch(instanceId: "i-0123456789abc0001");
        var other = _plugin.Launch(instanceId: "i-0123456789abc0002", accountId: OtherAccountId);

        await _plugin.LoginAsync(home.Pkcs7, nonce: "n-1");
        Assert.Null(_plugin.Describer.LastStsRole);

        await _plugin.LoginAsync(other.Pkcs7, nonce: "n-2");
        Assert.Equal(new AccountStsRole(DescriberRoleArn, null, AccountStsRole.DefaultSessionName), _plugin.Describer.LastStsRole);
    }

    [Fact]
    public async Task A_deleted_entry_is_no_longer_used_by_the_next_login()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.WriteAsync($"config/sts/{OtherAccountId}", new JsonObject { ["sts_role"] = DescriberRoleArn });
        var other = _plugin.Launch(accountId: OtherAccountId);
        await _plugin.LoginAsync(other.Pkcs7, nonce: "n-1");

        await _plugin.DeleteAsync($"config/sts/{OtherAccountId}");
        await _plugin.LoginAsync(other.Pkcs7, nonce: "n-1");

        Assert.Null(_plugin.Describer.LastStsRole);
    }
}
