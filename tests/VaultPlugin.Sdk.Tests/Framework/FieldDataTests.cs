using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;

namespace VaultPlugin.Sdk.Tests.Framework;

public sealed class FieldDataTests
{
    private static readonly Dictionary<string, FieldSchema> Schema = new(StringComparer.Ordinal)
    {
        ["name"] = new(FieldType.Name, "role name"),
        ["description"] = new(FieldType.String, "free text") { MaxLength = 10 },
        ["mode"] = new(FieldType.String, "how") { AllowedValues = ["strict", "lenient"], Default = "strict" },
        ["count"] = new(FieldType.Int, "how many") { Default = 7 },
        ["enabled"] = new(FieldType.Bool, "on or off"),
        ["ttl"] = new(FieldType.Duration, "token ttl") { Default = "1h" },
        ["policies"] = new(FieldType.CommaStringSlice, "policy names"),
        ["tags"] = new(FieldType.Map, "tags"),
    };

    private static FieldData Parse(string json, Dictionary<string, string>? captures = null) =>
        FieldData.Parse(Schema, JsonNode.Parse(json)!.AsObject(), captures ?? new Dictionary<string, string>());

    private static RequestException ParseFails(string json) => Assert.Throws<RequestException>(() => Parse(json));

    [Theory]
    [InlineData("{\"count\":\"many\"}", "count")]
    [InlineData("{\"count\":1.5}", "count")]
    [InlineData("{\"enabled\":\"maybe\"}", "enabled")]
    [InlineData("{\"ttl\":\"soon\"}", "ttl")]
    [InlineData("{\"ttl\":-5}", "ttl")]
    [InlineData("{\"policies\":[1,2]}", "policies")]
    [InlineData("{\"policies\":{\"a\":1}}", "policies")]
    [InlineData("{\"tags\":\"a=b\"}", "tags")]
    [InlineData("{\"description\":{\"a\":1}}", "description")]
    public void Wrong_type_is_a_bad_request_naming_the_field(string json, string field)
    {
        var exception = ParseFails(json);

        Assert.Equal(RequestErrorKind.BadRequest, exception.Kind);
        Assert.Contains(field, exception.Message);
    }

    [Fact]
    public void Comma_separated_string_becomes_a_trimmed_list()
    {
        Assert.Equal(["a", "b", "c"], Parse("{\"policies\":\"a, b,,c \"}").GetStringList("policies"));
    }

    [Fact]
    public void JSON_list_of_strings_becomes_a_list()
    {
        Assert.Equal(["a", "b"], Parse("{\"policies\":[\"a\",\" b \",\"\"]}").GetStringList("policies"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"true\"", true)]
    [InlineData("1", true)]
    [InlineData("\"1\"", true)]
    [InlineData("false", false)]
    [InlineData("\"false\"", false)]
    [InlineData("0", false)]
    public void Bool_accepts_JSON_booleans_strings_and_0_or_1(string value, bool expected) =>
        Assert.Equal(expected, Parse($"{{\"enabled\":{value}}}").GetBool("enabled"));

    [Theory]
    [InlineData("90", 90)]
    [InlineData("\"90\"", 90)]
    [InlineData("\"90s\"", 90)]
    [InlineData("\"1h30m\"", 5400)]
    public void Duration_accepts_seconds_or_Go_durations(string value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Parse($"{{\"ttl\":{value}}}").GetDuration("ttl"));

    [Theory]
    [InlineData("12", 12)]
    [InlineData("\"12\"", 12)]
    [InlineData("-3", -3)]
    public void Int_accepts_numbers_and_numeric_strings(string value, long expected) =>
        Assert.Equal(expected, Parse($"{{\"count\":{value}}}").GetInt("count"));

    [Fact]
    public void String_accepts_numbers_and_booleans()
    {
        Assert.Equal("42", Parse("{\"description\":42}").GetString("description"));
        Assert.Equal("true", Parse("{\"description\":true}").GetString("description"));
    }

    [Theory]
    [InlineData("[\"one\"]")]
    [InlineData("[]")]
    [InlineData("[\"a\",\"b\"]")]
    [InlineData("{\"a\":\"b\"}")]
    public void String_field_given_a_list_or_object_is_a_bad_request_naming_the_field(string value)
    {
        var error = Assert.Throws<RequestException>(() => Parse($"{{\"description\":{value}}}"));

        Assert.Equal(RequestErrorKind.BadRequest, error.Kind);
        Assert.Contains("field description", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_listed_sorted()
    {
        var fields = Parse("{\"zeta\":1,\"alpha\":2,\"count\":3,\"Mode\":\"x\"}");

        Assert.Equal(["Mode", "alpha", "zeta"], fields.UnknownFields);
    }

    [Fact]
    public void Defaults_apply_to_fields_not_supplied()
    {
        var fields = Parse("{}");

        Assert.Equal(7, fields.GetInt("count"));
        Assert.Equal(TimeSpan.FromHours(1), fields.GetDuration("ttl"));
        Assert.Equal("strict", fields.GetString("mode"));
        Assert.False(fields.IsSet("count"));
        Assert.False(fields.GetBool("enabled"));
        Assert.Empty(fields.GetStringList("policies"));
        Assert.Null(fields.GetMap("tags"));
        Assert.Null(fields.GetString("description"));
    }

    [Fact]
    public void JSON_null_counts_as_not_supplied()
    {
        var fields = Parse("{\"count\":null}");

        Assert.False(fields.IsSet("count"));
        Assert.Equal(7, fields.GetInt("count"));
    }

    [Fact]
    public void Supplied_value_wins_over_the_default()
    {
        var fields = Parse("{\"count\":2}");

        Assert.True(fields.IsSet("count"));
        Assert.Equal(2, fields.GetInt("count"));
    }

    [Fact]
    public void Value_outside_the_allowed_values_is_a_bad_request()
    {
        var exception = ParseFails("{\"mode\":\"chaotic\"}");

        Assert.Contains("mode", exception.Message);
        Assert.Contains("strict", exception.Message);
        Assert.Equal("lenient", Parse("{\"mode\":\"lenient\"}").GetString("mode"));
    }

    [Fact]
    public void String_longer_than_its_maximum_is_a_bad_request()
    {
        var exception = ParseFails("{\"description\":\"12345678901\"}");

        Assert.Contains("description", exception.Message);
        Assert.Equal("1234567890", Parse("{\"description\":\"1234567890\"}").GetString("description"));
    }

    [Fact]
    public void Map_field_keeps_the_object()
    {
        Assert.Equal("b", Parse("{\"tags\":{\"a\":\"b\"}}").GetMap("tags")!["a"]!.GetValue<string>());
    }

    [Fact]
    public void Path_captures_win_over_body_values()
    {
        var fields = Parse("{\"name\":\"from-body\"}", new Dictionary<string, string> { ["name"] = "from-path" });

        Assert.Equal("from-path", fields.RequireString("name"));
    }

    [Fact]
    public void Required_string_that_is_missing_is_a_bad_request()
    {
        var exception = Assert.Throws<RequestException>(() => Parse("{}").RequireString("name"));

        Assert.Equal(RequestErrorKind.BadRequest, exception.Kind);
        Assert.Contains("name", exception.Message);
    }

    [Fact]
    public void Asking_for_a_field_outside_the_schema_is_a_programming_error()
    {
        Assert.Throws<InvalidOperationException>(() => Parse("{}").GetString("nope"));
    }

    [Fact]
    public void Absent_body_parses_to_defaults()
    {
        var fields = FieldData.Parse(Schema, null, new Dictionary<string, string>());

        Assert.Empty(fields.UnknownFields);
        Assert.Equal(7, fields.GetInt("count"));
    }
}
