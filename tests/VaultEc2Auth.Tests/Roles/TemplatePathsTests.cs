using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Roles;

/// <summary><c>templates/&lt;role&gt;/&lt;name&gt;</c>: checked when written, so a broken template is the operator's 400.</summary>
public sealed class TemplatePathsTests
{
    private readonly Ec2AuthHarness _plugin = new();

    private Task<LogicalResponse?> WritePolicyAsync(string path, string template, string name = "issue") =>
        _plugin.AddTemplateAsync("web", name, "policy", path, template);

    [Fact]
    public async Task Template_for_a_role_that_does_not_exist_is_rejected()
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.AddTemplateAsync("web", "issue", "policy", "{{ InstanceHash }}", IssuePolicyTemplate));

        Assert.Contains("roles/web", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_plugin.Storage.Keys, key => key.StartsWith("templates/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Template_that_does_not_parse_is_rejected_naming_line_and_column()
    {
        await _plugin.CreateRoleAsync();

        var refusal = await RequestAssert.BadRequestAsync(() => WritePolicyAsync("{{ InstanceHash }}", """
            path "pki/issue/{{ InstanceHash }}" {
              capabilities = [{{ if }}]
            }
            """));

        Assert.Matches(@"template: line 2, column \d+", refusal.Message);
        Assert.Null(await _plugin.ReadAsync("templates/web/issue"));
    }

    [Fact]
    public async Task Path_template_that_does_not_parse_is_rejected_naming_the_path_field()
    {
        await _plugin.CreateRoleAsync();

        var refusal = await RequestAssert.BadRequestAsync(() => WritePolicyAsync("{{ InstanceHash + }}", IssuePolicyTemplate));

        Assert.Matches(@"path: line 1, column \d+", refusal.Message);
    }

    [Theory]
    [InlineData("static-name")]
    [InlineData("{{ Region }}")]
    [InlineData("{{ AccountId }}-{{ Region }}")]
    [InlineData("{{ Tags[\"team\"] }}")]
    [InlineData("{{ FQDN | string.replace \".\" \"-\" }}")]
    public async Task Policy_name_that_is_not_unique_per_instance_is_rejected(string path)
    {
        await _plugin.CreateRoleAsync();

        var refusal = await RequestAssert.BadRequestAsync(() => WritePolicyAsync(path, IssuePolicyTemplate));

        Assert.Contains("same for every instance", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generic_template_that_does_not_render_a_json_object_is_rejected()
    {
        await _plugin.CreateRoleAsync();

        await RequestAssert.BadRequestAsync(() => _plugin.AddTemplateAsync("web", "pki-role", "generic", "ec2-{{ InstanceHash }}", """["{{ FQDN }}"]"""));
    }

    [Theory]
    [InlineData("../{{ InstanceHash }}")]
    [InlineData("/../sys/policies/acl/{{ InstanceHash }}")]
    [InlineData("//{{ InstanceHash }}")]
    [InlineData("/%2e%2e/{{ InstanceHash }}")]
    [InlineData("/{{ InstanceHash }}%2f..%2f..")]
    [InlineData("/\\{{ InstanceHash }}")]
    [InlineData("{{ InstanceHash }}/../../sys/policies/acl/x")]
    [InlineData("{{ InstanceHash }}%2f..")]
    public async Task Generic_path_leaving_base_path_is_rejected(string path)
    {
        await _plugin.CreateRoleAsync();

        await RequestAssert.BadRequestAsync(() => _plugin.AddTemplateAsync("web", "pki-role", "generic", path, PkiRoleTemplate));
    }

    [Fact]
    public async Task Template_without_type_is_rejected()
    {
        await _plugin.CreateRoleAsync();

        await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("templates/web/issue", new JsonObject { ["path"] = "{{ InstanceHash }}", ["template"] = IssuePolicyTemplate }));
    }

    [Fact]
    public async Task Template_of_an_unknown_type_is_rejected()
    {
        await _plugin.CreateRoleAsync();

        await RequestAssert.BadRequestAsync(() => _plugin.AddTemplateAsync("web", "issue", "acl", "{{ InstanceHash }}", IssuePolicyTemplate));
    }

    [Fact]
    public async Task Template_reads_back_as_written()
    {
        await _plugin.CreateRoleAsync();
        await _plugin.AddPkiTemplatesAsync();

        var data = (await _plugin.ReadAsync("templates/web/pki-role"))!.Data!;

        Assert.Equal("generic", data["type"]!.GetValue<string>());
        Assert.Equal("ec2-{{ InstanceHash }}", data["path"]!.GetValue<string>());
        Assert.Equal(PkiRoleTemplate, data["template"]!.GetValue<string>());
    }

    [Fact]
    public async Task Template_update_changes_the_given_fields_and_keeps_the_others()
    {
        await _plugin.CreateRoleAsync();
        await _plugin.AddPkiTemplatesAsync();
        const string updated = """
            path "pki/issue/ec2-{{ InstanceHash }}" {
              capabilities = ["create", "update"]
            }
            """;

        await _plugin.SendAsync(Operations.Update, "templates/web/issue", new JsonObject { ["template"] = updated });

        var data = (await _plugin.ReadAsync("templates/web/issue"))!.Data!;
        Assert.Equal("policy", data["type"]!.GetValue<string>());
        Assert.Equal("{{ InstanceHash }}", data["path"]!.GetValue<string>());
        Assert.Equal(updated, data["template"]!.GetValue<string>());
    }

    [Fact]
    public async Task Template_list_names_the_roles_templates()
    {
        await _plugin.CreateRoleAsync();
        await _plugin.AddPkiTemplatesAsync();

        Assert.Equal(["issue", "pki-role"], await _plugin.ListKeysAsync("templates/web/"));
    }

    [Fact]
    public async Task Template_delete_removes_only_that_template()
    {
        await _plugin.CreateRoleAsync();
        await _plugin.AddPkiTemplatesAsync();

        await _plugin.DeleteAsync("templates/web/issue");

        Assert.Null(await _plugin.ReadAsync("templates/web/issue"));
        Assert.Equal(["pki-role"], await _plugin.ListKeysAsync("templates/web/"));
    }

    [Fact]
    public async Task Template_checks_use_the_configured_policy_prefix()
    {
        await _plugin.ConfigureVaultAsync(policyPrefix: "r");
        await _plugin.CreateRoleAsync();

        var refusal = await RequestAssert.BadRequestAsync(() => WritePolicyAsync(
            """{{ if AccountId == "111111111111" }}oot{{ else }}{{ InstanceHash }}{{ end }}""", IssuePolicyTemplate));

        Assert.Contains("root", refusal.Message, StringComparison.Ordinal);
    }
}
