using System.Text.Json.Nodes;
using VaultEc2Auth.Templates;
using static VaultEc2Auth.Tests.Templates.TestInstance;

namespace VaultEc2Auth.Tests.Templates;

public sealed class EscapingFunctionTests
{
    public static TheoryData<string> HostileTexts =>
    [
        "plain",
        "quote \" inside",
        "back\\slash at end\\",
        "new\nline and\r\nwindows and \t tab",
        "interpolation ${path} and directive %{ if true }",
        "brace } and { and \"} path \"secret/*\" { capabilities = [\"sudo\"] } #",
        "dollar at end $",
        "control \u0001 \u007f \u0085 and separators \u2028 \u2029",
        "unicode ünïcødé 日本 🚀",
        "lone surrogate \ud800 here",
        "",
    ];

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hcl_string_is_read_back_by_hcl1_as_exactly_one_string(string text)
    {
        var policy = $"path {HclString.Quote(text)} {{\n  capabilities = [\"read\"]\n}}\n";

        var block = Assert.Single(HclPolicyReader.Read(policy));

        Assert.Equal("path", block.Type);
        Assert.Equal(text.Replace("\ud800", "\ufffd", StringComparison.Ordinal), Assert.Single(block.Labels));
        Assert.Equal(["capabilities"], block.Attributes);
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Json_string_is_read_back_as_exactly_one_json_string(string text)
    {
        var json = JsonNode.Parse($"{{\"value\": {JsonString.Quote(text)}, \"other\": 1}}")!.AsObject();

        Assert.Equal(["value", "other"], json.Select(property => property.Key));
        Assert.Equal(text.Replace("\ud800", "\ufffd", StringComparison.Ordinal), json["value"]!.GetValue<string>());
    }

    [Fact]
    public void Hcl_string_escapes_quotes_backslashes_newlines_and_template_sequences()
    {
        Assert.Equal("""
            "a\"b\\c\nd\u0024{e}\u0025{f}$g%h"
            """, HclString.Quote("a\"b\\c\nd${e}%{f}$g%h"));
    }

    [Fact]
    public void Json_string_escapes_quotes_and_html_significant_characters()
    {
        Assert.Equal("\"a\\u0022b\\u003Cc\\n\"", JsonString.Quote("a\"b<c\n"));
    }

    [Fact]
    public void Escaping_functions_are_available_in_templates_as_pipes()
    {
        Assert.Equal("""
            "payments" "payments" "web 1"
            """, RenderText("""{{ Tags["team"] | hcl_string }} {{ Tags.team | json_string }} {{ hcl_string Tags.Name }}"""));
    }

    [Fact]
    public void Escaping_a_missing_tag_renders_an_empty_string_literal()
    {
        Assert.Equal("\"\" \"\"", RenderText("""{{ Tags["absent"] | hcl_string }} {{ Tags["absent"] | json_string }}"""));
    }

    [Fact]
    public void Operator_literal_with_hostile_characters_stays_one_hcl_string()
    {
        var body = RenderPolicyBody("""path {{ "x\"} path \"*\" { capabilities = [\"sudo\"] } #${" | hcl_string }} { capabilities = ["read"] }""");

        var block = Assert.Single(HclPolicyReader.Read(body));
        Assert.Equal("x\"} path \"*\" { capabilities = [\"sudo\"] } #${", Assert.Single(block.Labels));
    }
}
