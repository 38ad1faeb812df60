namespace VaultEc2Auth.Tests.Login;

/// <summary>
/// What someone who can tag or name an instance, or a careless template, must not achieve through a login: change
/// the structure of what is written, write outside the role's base path, share or take over a policy name.
/// Every refused login writes nothing and binds no nonce.
/// </summary>
public sealed class LoginAttackTests
{
    private const string RawTagPolicy = """
        path "secret/data/teams/{{ Tags["team"] }}/*" {
          capabilities = ["read"]
        }
        """;

    private const string EscapedTagPolicy = """
        path {{ "secret/data/teams/" + Tags["team"] + "/*" | hcl_string }} {
          capabilities = ["read"]
        }
        """;

    private const string RawTagObject = """{"team": "{{ Tags["team"] }}", "allow_any_name": false}""";

    private const string EscapedTagObject = """{"team": {{ Tags["team"] | json_string }}, "allow_any_name": false}""";

    private readonly Ec2AuthHarness _plugin = new();

    private async Task<LaunchedInstance> RoleWithTemplateAndInstanceAsync(string type, string path, string template, IReadOnlyDictionary<string, string> tags)
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync();
        await _plugin.AddTemplateAsync("web", "team", type, path, template);
        return _plugin.Launch(tags: tags);
    }

    private async Task AssertRefusedWithNothingWrittenAsync(LaunchedInstance instance)
    {
        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Empty(_plugin.Vault.Policies);
        Assert.Empty(_plugin.Vault.Objects);
        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
    }

    public static TheoryData<string> HclBreakouts =>
    [
        "x\" {\n  capabilities = [\"sudo\"]\n}\npath \"sys/*",
        "x\npath \"sys/*\" { capabilities = [\"sudo\"] }",
        "${\"}",
    ];

    public static TheoryData<string> JsonBreakouts =>
    [
        "x\", \"allow_any_name\": true, \"y\": \"",
        "x\"}",
        "x\n",
    ];

    [Theory]
    [MemberData(nameof(HclBreakouts))]
    public async Task Tag_injection_into_an_hcl_policy_is_denied_and_nothing_is_written(string tag)
    {
        var instance = await RoleWithTemplateAndInstanceAsync("policy", "{{ InstanceHash }}", RawTagPolicy, new Dictionary<string, string> { ["team"] = tag });

        await AssertRefusedWithNothingWrittenAsync(instance);
    }

    [Theory]
    [MemberData(nameof(HclBreakouts))]
    public async Task Tag_injection_into_an_hcl_policy_through_hcl_string_is_denied_too(string tag)
    {
        var instance = await RoleWithTemplateAndInstanceAsync("policy", "{{ InstanceHash }}", EscapedTagPolicy, new Dictionary<string, string> { ["team"] = tag });

        await AssertRefusedWithNothingWrittenAsync(instance);
    }

    [Theory]
    [MemberData(nameof(JsonBreakouts))]
    public async Task Tag_injection_into_a_json_object_is_denied_and_nothing_is_written(string tag)
    {
        var instance = await RoleWithTemplateAndInstanceAsync("generic", "ec2-{{ InstanceHash }}", RawTagObject, new Dictionary<string, string> { ["team"] = tag });

        await AssertRefusedWithNothingWrittenAsync(instance);
    }

    [Theory]
    [MemberData(nameof(JsonBreakouts))]
    public async Task Tag_injection_into_a_json_object_through_json_string_is_denied_too(string tag)
    {
        var instance = await RoleWithTemplateAndInstanceAsync("generic", "ec2-{{ InstanceHash }}", EscapedTagObject, new Dictionary<string, string> { ["team"] = tag });

        await AssertRefusedWithNothingWrittenAsync(instance);
    }

    [Fact]
    public async Task Refusal_names_the_tag_but_never_its_value()
    {
        const string tag = "x\" { capabilities = [\"sudo\"] }";
        var instance = await RoleWithTemplateAndInstanceAsync("policy", "{{ InstanceHash }}", RawTagPolicy, new Dictionary<string, string> { ["team"] = tag });

        var refusal = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        Assert.Contains("team", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sudo", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_within_awss_character_set_is_written_as_one_escaped_string()
    {
        var instance = await RoleWithTemplateAndInstanceAsync("generic", "ec2-{{ InstanceHash }}", EscapedTagObject,
            new Dictionary<string, string> { ["team"] = "payments/eu: a=b+c@d" });

        await _plugin.LoginAsync(instance.Pkcs7);

        var written = _plugin.Vault.Object($"{Ec2AuthHarness.BasePath}/ec2-{instance.Hash}")!;
        Assert.Equal("payments/eu: a=b+c@d", written["team"]!.GetValue<string>());
        Assert.False(written["allow_any_name"]!.GetValue<bool>());
        Assert.Equal(2, written.Count);
    }

    [Fact]
    public async Task Tag_the_templates_never_read_cannot_fail_the_login()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch(tags: new Dictionary<string, string> { ["notes"] = "\"}\n{{ evil }}" });

        var auth = await _plugin.LoginAsync(instance.Pkcs7);

        Assert.Equal([instance.PolicyName()], auth.Policies);
    }

    [Theory]
    [InlineData("+")]
    [InlineData("a/b")]
    [InlineData("x/../../sys")]
    public async Task Tag_with_a_glob_or_slash_in_a_policy_path_is_denied_and_nothing_is_written(string tag)
    {
        var instance = await RoleWithTemplateAndInstanceAsync("policy", "{{ InstanceHash }}", EscapedTagPolicy,
            new Dictionary<string, string> { ["team"] = tag });

        await AssertRefusedWithNothingWrittenAsync(instance);
    }

    [Theory]
    [InlineData("../../../sys/policies/acl/admin")]
    [InlineData("../ec2-someone-else")]
    [InlineData("/sys/mounts")]
    [InlineData("a/./b")]
    [InlineData("a/")]
    public async Task Tag_that_steers_a_generic_path_out_of_base_path_is_denied_and_nothing_is_written(string tag)
    {
        var instance = await RoleWithTemplateAndInstanceAsync("generic", "ec2-{{ InstanceHash }}/{{ Tags[\"env\"] }}", Ec2AuthHarness.PkiRoleTemplate,
            new Dictionary<string, string> { ["env"] = tag });

        await AssertRefusedWithNothingWrittenAsync(instance);
    }

    [Theory]
    [InlineData("%2e%2e%2fsys")]
    [InlineData("..\\sys")]
    [InlineData("prod?x=1")]
    public async Task Tag_with_encoded_or_foreign_separators_in_a_generic_path_is_denied_and_nothing_is_written(string tag)
    {
        var instance = await RoleWithTemplateAndInstanceAsync("generic", "ec2-{{ InstanceHash }}/{{ Tags[\"env\"] }}", Ec2AuthHarness.PkiRoleTemplate,
            new Dictionary<string, string> { ["env"] = tag });

        await AssertRefusedWithNothingWrittenAsync(instance);
    }

    [Fact]
    public async Task Failing_template_denies_the_login_even_when_another_template_would_render()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.AddTemplateAsync("web", "team", "policy", "team-{{ InstanceHash }}", RawTagPolicy);
        var instance = _plugin.Launch(tags: new Dictionary<string, string> { ["team"] = "x\"" });

        await AssertRefusedWithNothingWrittenAsync(instance);
    }

    [Fact]
    public async Task Two_instances_of_one_account_and_region_get_different_policy_names()
    {
        await _plugin.SetUpPkiRoleAsync();
        var first = _plugin.Launch("i-0aaaaaaaaaaaaaaa1", tags: new Dictionary<string, string> { ["Name"] = "web" });
        var second = _plugin.Launch("i-0bbbbbbbbbbbbbbb2", tags: new Dictionary<string, string> { ["Name"] = "web" });

        var firstPolicies = (await _plugin.LoginAsync(first.Pkcs7)).Policies;
        var secondPolicies = (await _plugin.LoginAsync(second.Pkcs7)).Policies;

        Assert.Empty(firstPolicies.Intersect(secondPolicies));
        Assert.Contains("pki/issue/ec2-" + first.Hash, _plugin.Vault.PolicyText(first.PolicyName()), StringComparison.Ordinal);
        Assert.Contains("pki/issue/ec2-" + second.Hash, _plugin.Vault.PolicyText(second.PolicyName()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ Tags[\"Name\"] }}")]
    [InlineData("{{ AccountId }}-{{ Region }}")]
    [InlineData("{{ InternalIPv4 | string.replace \".\" \"-\" }}")]
    [InlineData("{{ ImageId }}")]
    [InlineData("{{ RoleName }}")]
    public async Task Policy_template_that_would_give_two_instances_one_name_is_refused_when_written(string path)
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync();

        await RequestAssert.BadRequestAsync(() => _plugin.AddTemplateAsync("web", "shared", "policy", path, Ec2AuthHarness.IssuePolicyTemplate));
    }

    [Fact]
    public async Task Generic_template_that_would_give_two_instances_one_object_is_refused_when_written()
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync();

        await RequestAssert.BadRequestAsync(() => _plugin.AddTemplateAsync("web", "shared", "generic", "ec2-{{ FQDN | string.replace \".\" \"-\" }}", Ec2AuthHarness.PkiRoleTemplate));
    }

    [Fact]
    public async Task Two_templates_of_a_role_rendering_one_policy_name_deny_the_login_and_write_nothing()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.AddTemplateAsync("web", "issue-again", "policy", "{{ InstanceHash }}", """
            path "sys/*" {
              capabilities = ["sudo"]
            }
            """);

        await AssertRefusedWithNothingWrittenAsync(_plugin.Launch());
    }

    [Theory]
    [InlineData("r", "oot")]
    [InlineData("d", "efault")]
    public async Task Template_rendering_a_builtin_policy_name_for_an_instance_is_denied_and_nothing_is_written(string prefix, string rest)
    {
        await _plugin.ConfigureVaultAsync(policyPrefix: prefix);
        await _plugin.CreateRoleAsync();
        await _plugin.AddTemplateAsync("web", "sneaky", "policy",
            $$$"""{{ if InstanceId == "i-0123456789abcdef0" }}{{{rest}}}{{ else }}{{ InstanceHash }}{{ end }}""", Ec2AuthHarness.IssuePolicyTemplate);

        await AssertRefusedWithNothingWrittenAsync(_plugin.Launch("i-0123456789abcdef0"));
    }

    [Theory]
    [InlineData("r", "oot")]
    [InlineData("d", "efault")]
    public async Task Template_rendering_a_builtin_policy_name_for_a_synthetic_instance_is_refused_when_written(string prefix, string rest)
    {
        await _plugin.ConfigureVaultAsync(policyPrefix: prefix);
        await _plugin.CreateRoleAsync();

        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.AddTemplateAsync("web", "sneaky", "policy",
            $$$"""{{ if AccountId == "111111111111" }}{{{rest}}}{{ else }}{{ InstanceHash }}{{ end }}""", Ec2AuthHarness.IssuePolicyTemplate));

        Assert.Contains(prefix + rest, refusal.Message, StringComparison.Ordinal);
    }
}
