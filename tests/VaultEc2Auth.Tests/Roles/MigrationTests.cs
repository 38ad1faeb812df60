using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Roles;

/// <summary>What an operator coming from Vault's built-in aws method types keeps working.</summary>
public sealed class MigrationTests
{
    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Legacy_token_fields_land_as_their_token_fields()
    {
        await _plugin.CreateRoleAsync("web", new JsonObject
        {
            ["policies"] = "worker-common,metrics",
            ["ttl"] = "1h",
            ["max_ttl"] = "24h",
            ["period"] = "2h",
            ["bound_cidrs"] = "10.0.0.0/8",
        });

        var data = (await _plugin.ReadAsync("roles/web"))!.Data!;

        Assert.Equal(["worker-common", "metrics"], data["token_policies"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(3600, data["token_ttl"]!.GetValue<long>());
        Assert.Equal(86400, data["token_max_ttl"]!.GetValue<long>());
        Assert.Equal(7200, data["token_period"]!.GetValue<long>());
        Assert.Equal("10.0.0.0/8", Assert.Single(data["token_bound_cidrs"]!.AsArray())!.GetValue<string>());
        Assert.Null(data["policies"]);
        Assert.Null(data["ttl"]);
    }

    [Fact]
    public async Task Legacy_and_token_field_with_different_values_are_refused()
    {
        var error = await RequestAssert.BadRequestAsync(() => _plugin.CreateRoleAsync("web", new JsonObject { ["ttl"] = "1h", ["token_ttl"] = "2h" }));

        Assert.Contains("ttl and token_ttl have different values", error.Message, StringComparison.Ordinal);
        Assert.Null(await _plugin.ReadAsync("roles/web"));
    }

    [Fact]
    public async Task Legacy_and_token_field_with_the_same_value_are_accepted()
    {
        await _plugin.CreateRoleAsync("web", new JsonObject { ["policies"] = "a", ["token_policies"] = "a", ["ttl"] = "3600", ["token_ttl"] = "1h" });

        Assert.Equal(3600, (await _plugin.ReadAsync("roles/web"))!.Data!["token_ttl"]!.GetValue<long>());
    }

    [Fact]
    public async Task Role_names_are_lower_cased_as_vaults_aws_method_does()
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync("Web.Servers");
        await _plugin.AddTemplateAsync("WEB.servers", "issue", "policy", "{{ InstanceHash }}", Ec2AuthHarness.IssuePolicyTemplate);

        Assert.Equal(["web.servers"], await _plugin.ListKeysAsync("roles/"));
        Assert.NotNull(await _plugin.ReadAsync("roles/Web.Servers"));
        Assert.NotNull(await _plugin.ReadAsync("roles/web.servers"));
        Assert.Equal(["issue"], await _plugin.ListKeysAsync("templates/web.servers/"));
        Assert.Equal(["issue"], await _plugin.ListKeysAsync("templates/Web.Servers/"));
    }

    [Fact]
    public async Task Login_naming_the_role_in_another_case_finds_it()
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync("web.servers");
        await _plugin.AddPkiTemplatesAsync("web.servers");
        var instance = _plugin.Launch();

        var auth = await _plugin.LoginAsync(instance.Pkcs7, "nonce", role: "Web.Servers");

        Assert.Equal("web.servers", auth.Metadata["role"]);
    }

    [Fact]
    public async Task Preview_tags_accept_a_json_object_given_as_a_string()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.AddTemplateAsync("web", "team", "generic", "team-{{ InstanceHash }}", """{"team": "{{ Tags["team"] }}"}""");

        var preview = (await _plugin.SendAsync(Operations.Update, "roles/web/preview", new JsonObject
        {
            ["instance_id"] = "i-0abc123456789def0",
            ["account_id"] = Ec2AuthHarness.AccountId,
            ["region"] = Ec2AuthHarness.Region,
            ["fqdn"] = "ip-10-0-1-11.eu-central-1.compute.internal",
            ["tags"] = """{"team":"builders"}""",
        }))!.Data!;

        Assert.Contains("builders", preview.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_tags_string_that_is_not_a_json_object_is_refused_naming_the_field()
    {
        await _plugin.SetUpPkiRoleAsync();

        var error = await RequestAssert.BadRequestAsync(() => _plugin.SendAsync(Operations.Update, "roles/web/preview", new JsonObject
        {
            ["instance_id"] = "i-0abc123456789def0",
            ["account_id"] = Ec2AuthHarness.AccountId,
            ["region"] = Ec2AuthHarness.Region,
            ["tags"] = "team=builders",
        }));

        Assert.Contains("tags", error.Message, StringComparison.Ordinal);
    }
}
