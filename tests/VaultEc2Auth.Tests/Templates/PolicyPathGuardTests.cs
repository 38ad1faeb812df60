using VaultEc2Auth.Templates;
using static VaultEc2Auth.Tests.Templates.TestInstance;

namespace VaultEc2Auth.Tests.Templates;

/// <summary>
/// Finding 4 (tag values as path globs): a tag value with '+', '*' or '/' never reaches a policy path, quoted or
/// not; everywhere else AWS's whole tag character set still renders.
/// </summary>
public sealed class PolicyPathGuardTests
{
    public static TheoryData<string> PathSyntaxTags => ["+", "a/b", "x/../../sys", "a b=c+d:e/f@g", "team+"];

    public static TheoryData<string> PoliciesWithTagInPath =>
    [
        """path "secret/data/teams/{{ Tags["team"] }}/*" { capabilities = ["read"] }""",
        """path {{ "secret/data/teams/" + Tags["team"] | hcl_string }} { capabilities = ["read"] }""",
        """path {{ Tags["team"] | hcl_string }} { capabilities = ["list"] }""",
        """{"path": {"secret/{{ Tags.team }}": {"capabilities": ["read"]}}}""",
        """path = { "secret/{{ Tags.team }}" = { capabilities = ["read"] } }""",
    ];

    [Theory]
    [MemberData(nameof(PathSyntaxTags))]
    public void Tag_with_path_syntax_in_any_policy_path_spelling_is_denied(string tag)
    {
        foreach (var template in PoliciesWithTagInPath)
        {
            var refusal = Refusal(WithTag("team", tag), Policy("{{ InstanceHash }}", template));

            Assert.Contains("into a policy path", refusal.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(tag, refusal.Message.Replace("'+', '*' or '/'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(PathSyntaxTags))]
    public void Tag_with_path_syntax_still_renders_in_comments_and_parameter_values(string tag)
    {
        const string template = """
            # team {{ Tags.team }}
            path "pki/issue/ec2-{{ InstanceHash }}" {
              capabilities = ["update"]
              allowed_parameters = { "ou" = [{{ Tags.team | hcl_string }}] }
            }
            """;

        var body = RenderPolicyBody(template, WithTag("team", tag));

        var block = Assert.Single(HclPolicyReader.Read(body));
        Assert.Equal($"pki/issue/ec2-{Hash}", Assert.Single(block.Labels));
        Assert.Contains(tag, body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PathSyntaxTags))]
    public void Tag_with_path_syntax_still_renders_in_json_objects(string tag)
    {
        var data = Render(WithTag("team", tag), Generic("ec2-{{ InstanceHash }}", """{"ou": [{{ Tags.team | json_string }}]}"""))
            .Objects.Single().Data;

        Assert.Equal(tag, data["ou"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Template_authors_own_globs_in_paths_still_render_when_a_tag_holds_path_syntax()
    {
        const string template = """
            # {{ Tags.team }}
            path "secret/data/+/shared/*" { capabilities = ["read"] }
            """;

        var block = Assert.Single(HclPolicyReader.Read(RenderPolicyBody(template, WithTag("team", "a/b+"))));

        Assert.Equal("secret/data/+/shared/*", Assert.Single(block.Labels));
    }

    [Fact]
    public void Tag_without_path_syntax_may_still_reach_a_policy_path()
    {
        var block = Assert.Single(HclPolicyReader.Read(RenderPolicyBody(
            """path "secret/data/teams/{{ Tags["team"] }}" { capabilities = ["read"] }""", WithTag("team", "payments"))));

        Assert.Equal("secret/data/teams/payments", Assert.Single(block.Labels));
    }

    [Fact]
    public void Policy_keys_are_quoted_labels_and_object_keys_never_values_or_comments()
    {
        var keys = PolicyKeys.Read("""
            # path "commented/out" {
            // path "commented/too" {
            path "a/+" {
              capabilities = ["read", "list"]
              allowed_parameters = { "ou" = ["x/y"] }
            }
            /* path "also/commented" { */
            {"path": {"b\/*": {"capabilities": ["read"]}}}
            """);

        Assert.Equal(["a/+", "ou", "path", "b/*", "capabilities"], keys);
    }
}
