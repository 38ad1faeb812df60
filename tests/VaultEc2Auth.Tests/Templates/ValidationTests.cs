using VaultEc2Auth.Templates;
using static VaultEc2Auth.Tests.Templates.TestInstance;

namespace VaultEc2Auth.Tests.Templates;

public sealed class ValidationTests
{
    private const string PolicyBody = "path \"pki/issue/{{ InstanceHash }}\" {\n  capabilities = [\"update\"]\n}\n";

    [Fact]
    public void Valid_policy_and_generic_templates_have_no_problems()
    {
        Assert.Empty(Validate(Policy("{{ InstanceHash }}", PolicyBody)));
        Assert.Empty(Validate(Generic("roles/{{ InstanceHash }}", """{"allowed_domains": ["{{ FQDN }}"]}""")));
    }

    [Fact]
    public void Syntax_error_is_reported_with_its_one_based_line_and_column()
    {
        var problems = Validate(Policy("{{ InstanceHash }}", "path \"a\" {\n  x = {{ if }}\n}"));

        Assert.NotEmpty(problems);
        Assert.All(problems, problem => Assert.Equal(("template", 2), (problem.Field, problem.Line)));
        Assert.Equal(13, problems[0].Column);
    }

    [Fact]
    public void Syntax_errors_in_path_and_template_are_both_reported()
    {
        var problems = Validate(Policy("{{ InstanceHash | }}", "ok\n{{ end }}"));

        Assert.Contains(problems, problem => problem is { Field: "path", Line: 1, Column: > 0 });
        Assert.Contains(problems, problem => problem is { Field: "template", Line: 2, Column: > 0 });
    }

    [Fact]
    public void Syntax_error_at_the_end_of_the_text_is_reported_just_past_the_last_character()
    {
        var problems = Validate(Policy("{{ InstanceHash }}", "line one\n{{ nope("));

        Assert.NotEmpty(problems);
        Assert.All(problems, problem => Assert.Equal((2, 9), (problem.Line, problem.Column)));
    }

    [Fact]
    public void Unknown_variable_is_reported_where_it_is_used()
    {
        var problem = Assert.Single(Validate(Policy("{{ InstanceHash }}", "ok\n  {{ FQND }}")));

        Assert.Equal(("template", 2, 6), (problem.Field, problem.Line, problem.Column));
        Assert.Contains("FQND", problem.Message, StringComparison.Ordinal);
        Assert.Equal($"template: line 2, column 6: {problem.Message}", problem.ToString());
    }

    [Fact]
    public void Runtime_error_is_reported_with_its_position()
    {
        var problem = Assert.Single(Validate(Policy("{{ InstanceHash }}", "{{ x = null }}{{ x.y }}")));

        Assert.Equal(("template", 1), (problem.Field, problem.Line));
        Assert.Equal(20, problem.Column); // the member `y` read from null
    }

    [Fact]
    public void Generic_template_that_does_not_render_a_json_object_is_a_problem()
    {
        var notJson = Assert.Single(Validate(Generic("roles/{{ InstanceHash }}", "allowed_domains = {{ FQDN }}")));
        var array = Assert.Single(Validate(Generic("roles/{{ InstanceHash }}", """["{{ FQDN }}"]""")));
        var duplicate = Assert.Single(Validate(Generic("roles/{{ InstanceHash }}", """{"a": 1, "a": 2}""")));

        Assert.Equal("template", notJson.Field);
        Assert.Equal("template must render a JSON object", array.Message);
        Assert.Equal("template", duplicate.Field);
    }

    [Fact]
    public void Json_nested_deeper_than_32_levels_is_a_problem()
    {
        var deep = new string('[', 40) + new string(']', 40);

        Assert.Single(Validate(Generic("roles/{{ InstanceHash }}", $$"""{"a": {{deep}}}""")));
    }

    [Theory]
    [InlineData("../sys/{{ InstanceHash }}")]
    [InlineData("roles/../../sys/{{ InstanceHash }}")]
    [InlineData("/../roles/{{ InstanceHash }}")]
    [InlineData("roles/{{ InstanceHash }}/")]
    [InlineData("roles//{{ InstanceHash }}")]
    [InlineData("roles/./{{ InstanceHash }}")]
    [InlineData("roles%2f..%2f{{ InstanceHash }}")]
    [InlineData("roles\\{{ InstanceHash }}")]
    [InlineData("roles/{{ InstanceHash }}?x=1")]
    [InlineData("roles/{{ InstanceHash }}#x")]
    [InlineData("roles/ {{ InstanceHash }}")]
    [InlineData("roles/{{ InstanceHash }}\n")]
    [InlineData("")]
    public void Generic_path_that_leaves_the_base_path_is_a_problem(string path)
    {
        var problem = Assert.Single(Validate(Generic(path, "{}")));

        Assert.Equal(("path", "rendered path leaves base_path"), (problem.Field, problem.Message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/pki")]
    [InlineData("pki/")]
    [InlineData("../pki")]
    public void Generic_template_with_an_unusable_base_path_is_a_problem(string basePath)
    {
        var problem = Assert.Single(Validate(Generic("roles/{{ InstanceHash }}", "{}"), basePath));

        Assert.Equal("base_path", problem.Field);
    }

    [Fact]
    public void Policy_template_without_a_policy_prefix_is_a_problem()
    {
        var problems = new ScribanTemplateRenderer().Validate(Policy("{{ InstanceHash }}", PolicyBody), "pki", "");

        Assert.Equal(("policy_prefix", "policy prefix must not be empty"), (problems.Single().Field, problems.Single().Message));
    }

    [Theory]
    [InlineData("Web-{{ InstanceHash }}")]
    [InlineData("{{ InstanceHash }}:x")]
    [InlineData("web {{ InstanceHash }}")]
    [InlineData("web/{{ InstanceHash }}")]
    [InlineData("{{ FQDN | string.upcase }}{{ InstanceHash }}")]
    public void Policy_name_outside_lowercase_letters_digits_dot_dash_underscore_is_a_problem(string path)
    {
        var problem = Assert.Single(Validate(Policy(path, PolicyBody)));

        Assert.Equal("path", problem.Field);
    }

    [Fact]
    public void Policy_name_longer_than_128_characters_is_a_problem()
    {
        var problem = Assert.Single(Validate(Policy(new string('a', 100) + "{{ InstanceHash }}", PolicyBody)));

        Assert.Equal("policy name is longer than 128 characters", problem.Message);
    }

    [Theory]
    [InlineData("{{ AccountId }}")]
    [InlineData("{{ Region }}-{{ AccountId }}")]
    [InlineData("{{ FQDN }}")]
    [InlineData("{{ InternalIPv4 }}")]
    [InlineData("{{ Tags.Name }}")]
    [InlineData("{{ RoleName }}")]
    [InlineData("static")]
    public void Policy_name_that_is_not_unique_per_instance_is_a_problem(string path)
    {
        var problem = Assert.Single(Validate(Policy(path, PolicyBody)));

        Assert.Equal(
            ("path", "policy name is the same for every instance: include {{ InstanceHash }} or another per-instance value"),
            (problem.Field, problem.Message));
    }

    [Theory]
    [InlineData("{{ InstanceHash }}")]
    [InlineData("{{ InstanceId }}")]
    [InlineData("{{ RoleName }}-{{ InstanceId }}-{{ Tags.team }}")]
    public void Policy_name_with_a_per_instance_value_is_accepted(string path)
    {
        Assert.Empty(Validate(Policy(path, PolicyBody)));
    }

    [Fact]
    public void Generic_path_that_is_not_unique_per_instance_is_a_problem()
    {
        var problem = Assert.Single(Validate(Generic("roles/{{ FQDN }}", "{}")));

        Assert.Equal("object path is the same for every instance: include {{ InstanceHash }} or another per-instance value",
            problem.Message);
    }

    [Fact]
    public void Validation_renders_any_tag_key_the_template_reads()
    {
        Assert.Empty(Validate(Generic("roles/{{ InstanceHash }}",
            """{"team": {{ Tags["team"] | json_string }}, "owner": "{{ Tags["aws:cloudformation:stack-name"] }}"}""")));
    }

    [Fact]
    public void Validation_never_throws_for_template_content()
    {
        var hostile = new[]
        {
            "{{ include 'x' }}", "{{ object.eval '1' }}", "{{ for i in 1..100000 }}x{{ end }}",
            "{{ func f; ret f; end; f }}", "{{ x = 'a' | string.pad_left 10000000 }}", "{{ Tags }}",
            "{{ this }}", "{{ date.now }}", "{{{{", "}}", "{{ Tags | object.to_json }}",
        };

        foreach (var text in hostile)
        {
            _ = Validate(Policy("{{ InstanceHash }}", text));
            _ = Validate(Generic("roles/{{ InstanceHash }}", text));
        }
    }

    [Fact]
    public void Template_longer_than_64_kib_is_a_problem()
    {
        var problem = Assert.Single(Validate(Policy("{{ InstanceHash }}", new string('x', 64 * 1024 + 1))));

        Assert.Equal(("template", "template is longer than 65536 characters"), (problem.Field, problem.Message));
    }
}
