using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.Templates.TestInstance;

namespace VaultEc2Auth.Tests.Templates;

/// <summary>
/// Whatever text an instance puts in a tag, a login either is refused or writes something with exactly the shape
/// it would have with a benign tag: the same policy blocks with the same attributes, the same JSON keys.
/// </summary>
public sealed class StructurePropertyTests
{
    private const string Benign = "benign";

    private static readonly string[] PolicyTemplates =
    [
        """path "secret/data/{{ Tags["team"] }}/*" { capabilities = ["read"] }""",
        """path {{ Tags["team"] | hcl_string }} { capabilities = ["read"] }""",
        """
        # team {{ Tags.team }}
        path "pki/issue/{{ InstanceHash }}" {
          capabilities = ["update"]
          allowed_parameters = { "common_name" = [{{ Tags.team | hcl_string }}] }
        }
        """,
    ];

    private static readonly string[] GenericTemplates =
    [
        """{"team": "{{ Tags["team"] }}", "allow_any_name": false}""",
        """{"team": {{ Tags["team"] | json_string }}, "allow_any_name": false}""",
        """{"allowed_domains": ["{{ Tags.team }}.example.com"], "n": {{ Tags.team | string.size }}}""",
    ];

    // Half within AWS's tag characters (which must render), half mixing in characters that matter to HCL, JSON and
    // paths, and anything at all.
    private static Arbitrary<string> TagText()
    {
        var tagCharacters = Gen.Elements('a', 'Z', '0', ' ', '_', '.', ':', '/', '=', '+', '-', '@', 'ü', '東');
        var hostileCharacters = Gen.OneOf(
            Gen.Elements('"', '\\', '\n', '\r', '{', '}', '[', ']', '$', '%', '#', ',', '*', '\t', '\0', '\u2028', '\ud800'),
            tagCharacters,
            ArbMap.Default.GeneratorFor<char>());
        return Gen.OneOf(tagCharacters.ListOf(), hostileCharacters.ListOf())
            .Select(chars => new string(chars.ToArray()))
            .ToArbitrary();
    }

    [Property(MaxTest = 300)]
    public Property Policy_from_any_tag_is_denied_or_keeps_its_blocks() =>
        Prop.ForAll(TagText(), tag => PolicyTemplates.All(template =>
            RenderOrDenied(tag, Policy("{{ InstanceHash }}", template)) is not { } set ||
            PolicyShape(set) == PolicyShape(Render(WithTag("team", Benign), Policy("{{ InstanceHash }}", template)))));

    [Property(MaxTest = 300)]
    public Property Json_object_from_any_tag_is_denied_or_keeps_its_keys() =>
        Prop.ForAll(TagText(), tag => GenericTemplates.All(template =>
            RenderOrDenied(tag, Generic("roles/{{ InstanceHash }}", template)) is not { } set ||
            JsonShape(set) == JsonShape(Render(WithTag("team", Benign), Generic("roles/{{ InstanceHash }}", template)))));

    [Fact]
    public void Tag_generator_yields_both_accepted_and_denied_tags_so_the_properties_are_not_vacuous()
    {
        var outcomes = TagText().Generator.Sample(500)
            .Select(tag => RenderOrDenied(tag, Generic("roles/{{ InstanceHash }}", GenericTemplates[1])) is null)
            .ToArray();

        Assert.Contains(true, outcomes);
        Assert.True(outcomes.Count(denied => !denied) >= 100, $"only {outcomes.Count(denied => !denied)} accepted");
    }

    private static RenderedSet? RenderOrDenied(string tag, VaultEc2Auth.Roles.TemplateEntry template)
    {
        try
        {
            return Render(WithTag("team", tag), template);
        }
        catch (RequestException refusal) when (refusal.Kind == RequestErrorKind.PermissionDenied)
        {
            return null;
        }
    }

    private static string PolicyShape(RenderedSet set) => string.Join(";",
        HclPolicyReader.Read(set.Policies.Single().Policy)
            .Select(block => $"{block.Type}/{block.Labels.Count}/{string.Join(",", block.Attributes)}"));

    private static string JsonShape(RenderedSet set) => string.Join(";",
        set.Objects.Single().Data.Select(property => $"{property.Key}:{property.Value?.GetValueKind()}"));
}
