using System.Text.Json.Nodes;
using VaultEc2Auth.Templates;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Roles;

/// <summary><c>roles/&lt;name&gt;/preview</c>: exactly what a login would write, without writing it.</summary>
public sealed class PreviewTests
{
    private const string InstanceId = "i-0123456789abcdef0";
    private const string Fqdn = "ip-10-0-7-9.eu-central-1.compute.internal";

    private static readonly string Hash = InstanceHash.Compute(AccountId, Region, InstanceId);

    private readonly Ec2AuthHarness _plugin = new();

    private static JsonObject Values() => new()
    {
        ["instance_id"] = InstanceId,
        ["account_id"] = AccountId,
        ["region"] = Region,
        ["fqdn"] = Fqdn,
        ["private_ip"] = "10.0.7.9",
        ["tags"] = new JsonObject { ["team"] = "payments" },
    };

    private async Task<JsonObject> PreviewAsync(JsonObject data) =>
        (await _plugin.SendAsync(Operations.Update, "roles/web/preview", data))!.Data!;

    [Fact]
    public async Task Preview_returns_the_policies_a_login_would_write_as_name_and_policy()
    {
        await _plugin.SetUpPkiRoleAsync();

        var preview = await PreviewAsync(Values());

        var policy = Assert.Single(preview["policies"]!.AsArray())!.AsObject();
        Assert.Equal(DefaultPolicyPrefix + Hash, policy["name"]!.GetValue<string>());
        Assert.Contains($"pki/issue/ec2-{Hash}", policy["policy"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_returns_the_generic_objects_a_login_would_write_as_path_and_data()
    {
        await _plugin.SetUpPkiRoleAsync();

        var preview = await PreviewAsync(Values());

        var item = Assert.Single(preview["generic"]!.AsArray())!.AsObject();
        Assert.Equal($"{BasePath}/ec2-{Hash}", item["path"]!.GetValue<string>());
        Assert.Equal(Fqdn, item["data"]!["allowed_domains"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Preview_writes_nothing_to_vault_or_storage()
    {
        await _plugin.SetUpPkiRoleAsync();
        var before = await _plugin.StorageSnapshotAsync();
        _plugin.Vault.ResetCounters();

        await PreviewAsync(Values());

        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Empty(_plugin.Vault.Policies);
        Assert.Empty(_plugin.Vault.Objects);
        Assert.Equal(before, await _plugin.StorageSnapshotAsync());
    }

    [Fact]
    public async Task Preview_of_a_signed_document_shows_what_that_instances_login_would_write_and_binds_no_nonce()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        var before = await _plugin.StorageSnapshotAsync();

        var preview = await PreviewAsync(new JsonObject { ["pkcs7"] = instance.Pkcs7 });

        Assert.Equal(instance.PolicyName(), preview["policies"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(instance.PkiRolePath, preview["generic"]![0]!["path"]!.GetValue<string>());
        Assert.Equal(before, await _plugin.StorageSnapshotAsync());
        Assert.Equal(0, _plugin.Vault.Writes);
    }

    [Fact]
    public async Task Preview_matches_what_the_login_then_writes()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        var preview = await PreviewAsync(new JsonObject { ["pkcs7"] = instance.Pkcs7 });
        await _plugin.LoginAsync(instance.Pkcs7);

        Assert.Equal(preview["policies"]![0]!["policy"]!.GetValue<string>(), _plugin.Vault.PolicyText(instance.PolicyName()));
        Assert.True(JsonNode.DeepEquals(preview["generic"]![0]!["data"], _plugin.Vault.Object(instance.PkiRolePath)));
    }

    [Fact]
    public async Task Preview_uses_the_configured_policy_prefix()
    {
        await _plugin.ConfigureVaultAsync(policyPrefix: "fleet-");
        await _plugin.CreateRoleAsync();
        await _plugin.AddPkiTemplatesAsync();

        var preview = await PreviewAsync(Values());

        Assert.Equal("fleet-" + Hash, preview["policies"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Preview_of_a_role_without_templates_is_empty()
    {
        await _plugin.CreateRoleAsync();

        var preview = await PreviewAsync(Values());

        Assert.Empty(preview["policies"]!.AsArray());
        Assert.Empty(preview["generic"]!.AsArray());
    }

    [Fact]
    public async Task Preview_refuses_instance_values_a_login_would_refuse()
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync();
        await _plugin.AddTemplateAsync("web", "team", "generic", "ec2-{{ InstanceHash }}", """{"team": "{{ Tags["team"] }}"}""");
        var values = Values();
        values["tags"] = new JsonObject { ["team"] = "x\", \"allow_any_name\": true, \"y\": \"" };

        await RequestAssert.DeniedAsync(() => PreviewAsync(values));
    }

    [Fact]
    public async Task Preview_of_a_missing_role_is_404()
    {
        await RequestAssert.FailsAsync(RequestErrorKind.UnsupportedPath, () => PreviewAsync(Values()));
    }

    [Fact]
    public async Task Preview_without_instance_values_or_document_is_rejected()
    {
        await _plugin.SetUpPkiRoleAsync();

        await RequestAssert.BadRequestAsync(() => PreviewAsync(new JsonObject { ["fqdn"] = Fqdn }));
    }

    [Fact]
    public async Task Preview_with_tags_that_are_not_strings_is_rejected()
    {
        await _plugin.SetUpPkiRoleAsync();
        var values = Values();
        values["tags"] = new JsonObject { ["team"] = 7 };

        await RequestAssert.BadRequestAsync(() => PreviewAsync(values));
    }
}
