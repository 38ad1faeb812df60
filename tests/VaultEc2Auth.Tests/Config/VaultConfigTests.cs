using System.Text.Json.Nodes;
using VaultEc2Auth.Config;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Config;

/// <summary><c>config/vault</c>: where and with which token the plugin writes. The token never comes back out.</summary>
public sealed class VaultConfigTests
{
    private const string RejectedToken = "hvs.rejected-token-that-must-never-leak";

    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Read_reports_token_set_and_never_the_token()
    {
        await _plugin.ConfigureVaultAsync();

        var data = (await _plugin.ReadAsync("config/vault"))!.Data!;

        Assert.True(data["token_set"]!.GetValue<bool>());
        Assert.False(data.ContainsKey("token"));
        Assert.DoesNotContain(WriterToken, data.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_reports_the_stored_settings()
    {
        await _plugin.WriteAsync("config/vault", new JsonObject
        {
            ["address"] = "https://vault.example.com:8200/",
            ["token"] = WriterToken,
            ["tls_server_name"] = "vault.example.com",
            ["namespace"] = "team-a",
            ["policy_prefix"] = "ec2-",
        });

        var data = (await _plugin.ReadAsync("config/vault"))!.Data!;

        Assert.Equal("https://vault.example.com:8200", data["address"]!.GetValue<string>());
        Assert.Equal("vault.example.com", data["tls_server_name"]!.GetValue<string>());
        Assert.Equal("team-a", data["namespace"]!.GetValue<string>());
        Assert.Equal("ec2-", data["policy_prefix"]!.GetValue<string>());
        Assert.False(data["tls_skip_verify"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Write_reports_the_tokens_policies_and_ttl_from_lookup_self()
    {
        var data = (await _plugin.ConfigureVaultAsync())!.Data!;

        Assert.Equal(WriterTokenInfo.Policies, data["token_policies"]!.AsArray().Select(policy => policy!.GetValue<string>()));
        Assert.Equal(WriterTokenInfo.TtlSeconds, data["token_ttl"]!.GetValue<long>());
        Assert.True(data["token_renewable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Write_connects_with_the_given_settings_and_closes_its_probe()
    {
        await _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = WriterToken, ["namespace"] = "team-a", ["tls_skip_verify"] = true });

        var settings = Assert.Single(_plugin.Vault.Connections);
        Assert.Equal(new VaultConnectionSettings(DefaultVaultAddress, WriterToken, null, null, true, "team-a"), settings);
        Assert.Equal(0, _plugin.Vault.OpenConnections);
    }

    [Fact]
    public async Task Token_that_lookup_self_refuses_is_rejected_and_not_stored()
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = RejectedToken }));

        Assert.Contains("permission denied", refusal.Message, StringComparison.Ordinal);
        Assert.Null(await _plugin.ReadAsync("config/vault"));
    }

    [Fact]
    public async Task Token_never_appears_in_an_error_message()
    {
        var messages = new List<string>
        {
            (await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = RejectedToken }))).Message,
            (await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = RejectedToken, ["address"] = "ftp://vault" }))).Message,
            (await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = RejectedToken, ["policy_prefix"] = "root" }))).Message,
            (await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = RejectedToken, ["tls_skip_verify"] = "maybe" }))).Message,
        };

        Assert.All(messages, message => Assert.DoesNotContain("must-never-leak", message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_never_appears_in_the_plugins_log()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.LoginAsync(_plugin.Launch().Pkcs7);
        await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = RejectedToken }));

        Assert.NotEmpty(_plugin.LogText);
        Assert.DoesNotContain("must-never-leak", _plugin.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_is_stored_seal_wrapped()
    {
        await _plugin.ConfigureVaultAsync();

        var entry = await _plugin.Storage.GetAsync(VaultConfigPath.StorageKey, CancellationToken.None);

        Assert.True(entry!.SealWrap);
    }

    [Theory]
    [InlineData("")]
    [InlineData("root")]
    [InlineData("default")]
    [InlineData("Ec2-")]
    [InlineData("ec2/")]
    [InlineData("-ec2")]
    public async Task Policy_prefix_that_is_empty_or_could_name_a_builtin_or_invalid_policy_is_rejected(string prefix)
    {
        await RequestAssert.BadRequestAsync(() => _plugin.ConfigureVaultAsync(policyPrefix: prefix));

        Assert.Null(await _plugin.ReadAsync("config/vault"));
    }

    [Fact]
    public async Task Policy_prefix_defaults_to_ec2_instance()
    {
        await _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = WriterToken });

        Assert.Equal("ec2-instance-", (await _plugin.ReadAsync("config/vault"))!.Data!["policy_prefix"]!.GetValue<string>());
    }

    [Fact]
    public async Task Address_defaults_to_the_vault_addr_the_plugin_was_started_with()
    {
        await _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = WriterToken });

        Assert.Equal(DefaultVaultAddress, (await _plugin.ReadAsync("config/vault"))!.Data!["address"]!.GetValue<string>());
    }

    [Fact]
    public async Task Address_is_required_when_the_plugin_has_no_vault_addr()
    {
        var plugin = new Ec2AuthHarness(defaultVaultAddress: null);

        var refusal = await RequestAssert.BadRequestAsync(() => plugin.WriteAsync("config/vault", new JsonObject { ["token"] = WriterToken }));

        Assert.Contains("address", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Address_given_without_a_plugin_vault_addr_is_used()
    {
        var plugin = new Ec2AuthHarness(defaultVaultAddress: null);

        await plugin.WriteAsync("config/vault", new JsonObject { ["token"] = WriterToken, ["address"] = "http://127.0.0.1:8200" });

        Assert.Equal("http://127.0.0.1:8200", Assert.Single(plugin.Vault.Connections).Address);
    }

    [Theory]
    [InlineData("vault.example.com:8200")]
    [InlineData("ftp://vault.example.com")]
    [InlineData("https://user:password@vault.example.com")]
    [InlineData("/v1/sys")]
    public async Task Address_that_is_not_an_http_url_is_rejected(string address)
    {
        await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = WriterToken, ["address"] = address }));
    }

    [Fact]
    public async Task Several_comma_separated_addresses_are_accepted_and_read_back_as_written()
    {
        const string nodes = "https://vault-a.internal:8200,https://vault-b.internal:8200,https://vault-c.internal:8200";

        await _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = WriterToken, ["address"] = nodes });

        Assert.Equal(nodes, (await _plugin.ReadAsync("config/vault"))!.Data!["address"]!.GetValue<string>());
        Assert.Equal(nodes, Assert.Single(_plugin.Vault.Connections).Address);
    }

    [Fact]
    public async Task Spaces_and_trailing_slashes_around_listed_addresses_are_dropped()
    {
        await _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = WriterToken, ["address"] = "https://vault-a.internal:8200/ , https://vault-b.internal:8200" });

        Assert.Equal("https://vault-a.internal:8200,https://vault-b.internal:8200", (await _plugin.ReadAsync("config/vault"))!.Data!["address"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("https://vault-a.internal:8200,")]
    [InlineData("https://vault-a.internal:8200,,https://vault-b.internal:8200")]
    [InlineData("https://vault-a.internal:8200,vault-b.internal:8200")]
    [InlineData("https://vault-a.internal:8200,https://vault-a.internal:8200/")]
    public async Task Address_list_with_an_empty_invalid_or_repeated_entry_is_rejected(string addresses)
    {
        await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = WriterToken, ["address"] = addresses }));

        Assert.Null(await _plugin.ReadAsync("config/vault"));
    }

    [Fact]
    public async Task Address_list_longer_than_sixteen_nodes_is_rejected()
    {
        var seventeen = string.Join(',', Enumerable.Range(1, 17).Select(n => $"http://10.0.0.{n}:8200"));

        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/vault", new JsonObject { ["token"] = WriterToken, ["address"] = seventeen }));

        Assert.Contains("at most 16", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_without_token_is_rejected()
    {
        await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/vault", new JsonObject { ["policy_prefix"] = "ec2-" }));
    }

    [Fact]
    public async Task Update_keeps_the_stored_token_when_none_is_given()
    {
        await _plugin.ConfigureVaultAsync();

        await _plugin.SendAsync(Operations.Update, "config/vault", new JsonObject { ["policy_prefix"] = "ec2-" });

        Assert.Equal(WriterToken, _plugin.Vault.Connections[^1].Token);
        Assert.Equal("ec2-", (await _plugin.ReadAsync("config/vault"))!.Data!["policy_prefix"]!.GetValue<string>());
    }

    public static TheoryData<string, JsonNode> DestinationChanges => new()
    {
        { "address", "https://attacker.example.com:8200" },
        { "tls_skip_verify", true },
        { "ca_cert", "-----BEGIN CERTIFICATE-----\nMIIBattacker\n-----END CERTIFICATE-----\n" },
        { "tls_server_name", "attacker.example.com" },
        { "namespace", "attacker" },
    };

    [Theory]
    [MemberData(nameof(DestinationChanges))]
    public async Task Changing_where_the_token_is_sent_requires_the_token_again(string field, JsonNode value)
    {
        await _plugin.ConfigureVaultAsync();
        var connections = _plugin.Vault.Connections.Count;

        var refusal = await RequestAssert.BadRequestAsync(() =>
            _plugin.SendAsync(Operations.Update, "config/vault", new JsonObject { [field] = value.DeepClone() }));

        Assert.Contains("token must be given again", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(field, refusal.Message, StringComparison.Ordinal);
        Assert.Equal(connections, _plugin.Vault.Connections.Count);
        var stored = (await _plugin.ReadAsync("config/vault"))!.Data!;
        Assert.Equal(DefaultVaultAddress, stored["address"]!.GetValue<string>());
        Assert.False(stored["tls_skip_verify"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Changing_the_address_with_the_token_given_again_connects_there()
    {
        await _plugin.ConfigureVaultAsync();

        await _plugin.SendAsync(Operations.Update, "config/vault", new JsonObject { ["address"] = "https://vault2.example.com:8200", ["token"] = WriterToken });

        Assert.Equal("https://vault2.example.com:8200", _plugin.Vault.Connections[^1].Address);
    }

    [Fact]
    public async Task Writing_the_same_destination_again_keeps_the_stored_token()
    {
        await _plugin.ConfigureVaultAsync();

        await _plugin.SendAsync(Operations.Update, "config/vault", new JsonObject { ["address"] = DefaultVaultAddress, ["tls_skip_verify"] = false });

        Assert.Equal(WriterToken, _plugin.Vault.Connections[^1].Token);
    }

    [Fact]
    public async Task Logins_write_with_the_new_token_after_it_changes()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.LoginAsync(_plugin.Launch("i-0aaaaaaaaaaaaaaa1").Pkcs7);
        const string newToken = "hvs.second-writer-token";
        _plugin.Vault.AcceptToken(newToken, WriterTokenInfo);

        await _plugin.SendAsync(Operations.Update, "config/vault", new JsonObject { ["token"] = newToken });
        _plugin.Vault.RevokeToken(WriterToken);
        var second = _plugin.Launch("i-0bbbbbbbbbbbbbbb2");
        await _plugin.LoginAsync(second.Pkcs7);

        Assert.NotNull(_plugin.Vault.PolicyText(second.PolicyName()));
        Assert.Equal(newToken, _plugin.Vault.Connections[^1].Token);
    }

    [Fact]
    public async Task Delete_removes_the_configuration()
    {
        await _plugin.ConfigureVaultAsync();

        await _plugin.DeleteAsync("config/vault");

        Assert.Null(await _plugin.ReadAsync("config/vault"));
    }

    [Fact]
    public async Task Login_without_config_vault_fails_as_a_server_error_and_writes_nothing()
    {
        await _plugin.CreateRoleAsync();
        await _plugin.AddPkiTemplatesAsync();
        var instance = _plugin.Launch();

        await RequestAssert.ServerErrorAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
        Assert.Equal(0, _plugin.Vault.Writes);
    }
}
