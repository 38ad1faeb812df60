using System.Text.Json.Nodes;
using VaultEc2Auth.Templates;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.Templates.TestInstance;

namespace VaultEc2Auth.Tests.Templates;

/// <summary>What someone who can tag or name an instance, or an operator's mistake, must not achieve.</summary>
public sealed class AttackTests
{
    private const string PolicyWithRawTag = """
        path "secret/data/teams/{{ Tags["team"] }}/*" {
          capabilities = ["read"]
        }
        """;

    private const string PolicyWithEscapedTag = """
        path {{ "secret/data/teams/" + Tags["team"] + "/*" | hcl_string }} {
          capabilities = ["read"]
        }
        path {{ Tags["team"] | hcl_string }} {
          capabilities = ["list"]
        }
        """;

    private const string GenericWithRawTag = """{"team": "{{ Tags["team"] }}", "allow_any_name": false}""";

    private const string GenericWithEscapedTag = """{"team": {{ Tags["team"] | json_string }}, "allow_any_name": false}""";

    public static TheoryData<string> HclBreakouts =>
    [
        "x\" {\n  capabilities = [\"sudo\"]\n}\npath \"*",
        "x\npath \"sys/*\" { capabilities = [\"sudo\"] }",
        "x/*\" { capabilities = [\"read\"] } path \"sys/*",
        "}",
        "${\"}",
        "%{ if true }",
    ];

    public static TheoryData<string> JsonBreakouts =>
    [
        "x\", \"allow_any_name\": true, \"y\": \"",
        "x\",\"allow_any_name\":true}",
        "x\"}",
        "\\",
        "x\n",
    ];

    [Theory]
    [MemberData(nameof(HclBreakouts))]
    public void Tag_injection_into_hcl_unescaped_is_denied_at_login(string tag)
    {
        var refusal = Refusal(WithTag("team", tag), Policy("{{ InstanceHash }}", PolicyWithRawTag));

        Assert.Equal("tag team holds characters outside AWS's tag character set", refusal.Message);
    }

    [Theory]
    [MemberData(nameof(HclBreakouts))]
    public void Tag_injection_into_hcl_through_hcl_string_is_denied_before_it_is_escaped(string tag)
    {
        Refusal(WithTag("team", tag), Policy("{{ InstanceHash }}", PolicyWithEscapedTag));
    }

    [Theory]
    [InlineData("payments")]
    [InlineData("a b=c:d@g")]
    [InlineData("x..sys")]
    [InlineData("Zürich")]
    public void Tag_through_hcl_string_stays_one_string_and_the_policy_keeps_its_blocks(string tag)
    {
        var blocks = HclPolicyReader.Read(RenderPolicyBody(PolicyWithEscapedTag, WithTag("team", tag)));

        Assert.Equal(2, blocks.Count);
        Assert.All(blocks, block => Assert.Equal("path", block.Type));
        Assert.Equal($"secret/data/teams/{tag}/*", Assert.Single(blocks[0].Labels));
        Assert.Equal(tag, Assert.Single(blocks[1].Labels));
        Assert.All(blocks, block => Assert.Equal(["capabilities"], block.Attributes));
    }

    [Theory]
    [MemberData(nameof(HclBreakouts))]
    public void Hostile_text_through_hcl_string_keeps_the_policy_blocks(string text)
    {
        var body = RenderPolicyBody($$$"""path {{ {{{JsonString.Quote(text)}}} | hcl_string }} { capabilities = ["read"] }""");

        var block = Assert.Single(HclPolicyReader.Read(body));
        Assert.Equal(text, Assert.Single(block.Labels));
    }

    [Theory]
    [MemberData(nameof(JsonBreakouts))]
    public void Tag_injection_into_json_is_denied_at_login(string tag)
    {
        Refusal(WithTag("team", tag), Generic("roles/{{ InstanceHash }}", GenericWithRawTag));
        Refusal(WithTag("team", tag), Generic("roles/{{ InstanceHash }}", GenericWithEscapedTag));
    }

    [Theory]
    [InlineData("payments")]
    [InlineData("a b=c+d:e/f@g")]
    public void Tag_through_json_string_keeps_the_json_keys(string tag)
    {
        var data = Render(WithTag("team", tag), Generic("roles/{{ InstanceHash }}", GenericWithEscapedTag))
            .Objects.Single().Data;

        Assert.Equal(["team", "allow_any_name"], data.Select(property => property.Key));
        Assert.Equal(tag, data["team"]!.GetValue<string>());
        Assert.False(data["allow_any_name"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(JsonBreakouts))]
    public void Hostile_text_through_json_string_keeps_the_json_keys(string text)
    {
        var data = Render(Variables(), Generic("roles/{{ InstanceHash }}",
            $$$"""{"team": {{ {{{JsonString.Quote(text)}}} | json_string }}, "allow_any_name": false}""")).Objects.Single().Data;

        Assert.Equal(["team", "allow_any_name"], data.Select(property => property.Key));
        Assert.Equal(text, data["team"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("../../sys/policies/acl/admin")]
    [InlineData("/../sys/policies/acl/admin")]
    [InlineData("roles%2f..%2f..%2fsys")]
    [InlineData("roles\\..\\..\\sys")]
    [InlineData("roles/./x")]
    [InlineData("roles/x?override=1")]
    public void Path_escape_is_denied_at_login(string path)
    {
        var refusal = Refusal(Variables(), Generic(path, "{}"));

        Assert.Equal("rendered path leaves base_path", refusal.Message);
    }

    [Fact]
    public void Path_escape_through_a_tag_is_denied_at_login()
    {
        var refusal = Refusal(WithTag("team", "../../sys/policies/acl/admin"), Generic("roles/{{ Tags.team }}", "{}"));

        Assert.Equal("rendered path leaves base_path", refusal.Message);
    }

    [Fact]
    public void Path_under_base_path_is_written_below_it()
    {
        var written = Render(Variables(), Generic("roles/{{ InstanceHash }}", "{}")).Objects.Single();

        Assert.Equal($"pki/roles/{Hash}", written.Path);
    }

    [Fact]
    public void Policy_name_collision_between_two_instances_is_detected_at_validate()
    {
        var problem = Assert.Single(Validate(Policy("{{ Tags.Name }}", "path \"pki/issue/{{ InstanceHash }}\" {}")));

        Assert.StartsWith("policy name is the same for every instance", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_templates_rendering_the_same_policy_name_are_denied_at_login()
    {
        var refusal = Refusal(Variables(),
            Policy("{{ InstanceHash }}", "path \"a\" {}", "first"),
            Policy("{{ InstanceHash }}", "path \"b\" {}", "second"));

        Assert.Equal($"templates first and second render the same policy name ec2-{Hash}", refusal.Message);
    }

    [Fact]
    public void Two_templates_rendering_the_same_object_path_are_denied_at_login()
    {
        Refusal(Variables(),
            Generic("roles/{{ InstanceHash }}", "{}", "first"),
            Generic("roles/{{ InstanceId | string.size }}{{ InstanceHash }}", "{}", "second"),
            Generic("roles/{{ InstanceHash }}", """{"x": 1}""", "third"));
    }

    [Theory]
    [InlineData("", "root")]
    [InlineData("", "default")]
    [InlineData("ro", "ot")]
    [InlineData("def", "ault")]
    public void Root_and_default_policy_names_are_refused(string prefix, string path)
    {
        var renderer = new ScribanTemplateRenderer();
        var template = Policy(path, "path \"a\" {}");

        Assert.NotEmpty(renderer.Validate(template, "pki", prefix));
        Assert.Throws<RequestException>(() => renderer.Render([template], Variables(), prefix));
    }

    [Fact]
    public void Root_policy_name_from_a_tag_is_denied_at_login()
    {
        var renderer = new ScribanTemplateRenderer();

        var refusal = Assert.Throws<RequestException>(() =>
            renderer.Render([Policy("{{ Tags.team }}", "path \"a\" {}")], WithTag("team", "oot"), "r"));

        Assert.Equal(RequestErrorKind.PermissionDenied, refusal.Kind);
        Assert.Equal("roots",
            renderer.Render([Policy("{{ Tags.team }}", "path \"a\" {}")], WithTag("team", "oots"), "r").Policies[0].Name);
    }

    [Fact]
    public void Templates_cannot_read_files()
    {
        var problems = Validate(Policy("{{ InstanceHash }}", "{{ include '/etc/passwd' }}"));

        Assert.NotEmpty(problems);
        Refusal(Variables(), Policy("{{ InstanceHash }}", "x{{ include_join ['/etc/passwd'] }}"));
    }

    [Fact]
    public void Templates_cannot_evaluate_text_as_code()
    {
        Assert.NotEmpty(Validate(Policy("{{ InstanceHash }}", "{{ 'FQDN' | object.eval }}")));
        Assert.NotEmpty(Validate(Policy("{{ InstanceHash }}", "{{ '{{FQDN}}' | object.eval_template }}")));
    }

    [Fact]
    public void Reflection_based_json_serialization_is_not_offered()
    {
        var problem = Assert.Single(Validate(Policy("{{ InstanceHash }}", "{{ 'a' | object.to_json }}")));

        Assert.Equal(("template", 1), (problem.Field, problem.Line));
    }

    [Fact]
    public void A_template_cannot_change_a_builtin_function_for_later_renders()
    {
        Assert.NotEmpty(Validate(Policy("{{ InstanceHash }}", "{{ string.upcase = 'x' }}path \"a\" {}")));
        Refusal(Variables(), Policy("{{ InstanceHash }}", "{{ string.upcase = 'x' }}path \"a\" {}"));

        var after = Render(Variables(), Generic("roles/{{ InstanceHash }}", """{"x": "{{ 'a' | string.upcase }}"}"""));

        Assert.Equal("A", after.Objects.Single().Data["x"]!.GetValue<string>());
    }

    [Fact]
    public void Runaway_loops_and_output_fail_instead_of_truncating()
    {
        Refusal(Variables(), Policy("{{ InstanceHash }}", "{{ for i in 1..100000 }}x{{ end }}"));
        Refusal(Variables(), Policy("{{ InstanceHash }}", "{{ for i in 1..900 }}" + new string('x', 100) + "{{ end }}"));
        Refusal(Variables(), Policy("{{ InstanceHash }}", "{{ func f(n); ret f(n + 1); end; f(1) }}"));
    }

    [Fact]
    public void Rendered_json_is_returned_as_parsed_data()
    {
        var data = Render(Variables(), Generic("roles/{{ InstanceHash }}", """{"ttl": "72h", "n": [1, {"a": null}]}"""))
            .Objects.Single().Data;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"ttl": "72h", "n": [1, {"a": null}]}"""), data));
    }
}
