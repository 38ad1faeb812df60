using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Protocol;

namespace VaultPlugin.Sdk.Tests.Framework;

/// <summary>Whatever a caller sends, request decoding fails only with a RequestException (a 4xx), never a crash.</summary>
public sealed class FrameworkProperties
{
    private static readonly Dictionary<string, FieldSchema> Schema = new(StringComparer.Ordinal)
    {
        ["name"] = new(FieldType.Name, "name"),
        ["text"] = new(FieldType.String, "text") { MaxLength = 16, AllowedValues = ["a", "b", "1", "true"] },
        ["free"] = new(FieldType.String, "free text"),
        ["count"] = new(FieldType.Int, "count") { Default = 3 },
        ["flag"] = new(FieldType.Bool, "flag"),
        ["ttl"] = new(FieldType.Duration, "ttl") { Default = "1h" },
        ["list"] = new(FieldType.CommaStringSlice, "list"),
        ["map"] = new(FieldType.Map, "map"),
    };

    [Property(Arbitrary = [typeof(JsonBodies)], MaxTest = 500)]
    public void Random_JSON_bodies_fail_field_parsing_only_with_a_request_exception(JsonBody body)
    {
        try
        {
            var request = ProtoTranslation.ToLogical(new Request { Operation = "update", Path = "x", Data = body.Text });
            var fields = FieldData.Parse(Schema, request.Data, new Dictionary<string, string>());
            foreach (var name in Schema.Keys)
            {
                _ = Schema[name].Type switch
                {
                    FieldType.Int => fields.GetInt(name),
                    FieldType.Bool => fields.GetBool(name),
                    FieldType.Duration => fields.GetDuration(name),
                    FieldType.CommaStringSlice => fields.GetStringList(name),
                    FieldType.Map => fields.GetMap(name),
                    _ => (object?)fields.GetString(name),
                };
            }
        }
        catch (RequestException exception)
        {
            Assert.Equal(RequestErrorKind.BadRequest, exception.Kind);
        }
    }

    [Property(MaxTest = 2000)]
    public void Random_strings_never_make_the_duration_parser_throw(string? text)
    {
        if (DurationParser.TryParse(text ?? "", out var duration))
        {
            Assert.True(duration >= TimeSpan.Zero);
        }
    }

    [Property(Arbitrary = [typeof(DurationTexts)], MaxTest = 1000)]
    public void Duration_shaped_strings_never_make_the_duration_parser_throw(DurationText text)
    {
        if (DurationParser.TryParse(text.Value, out var duration))
        {
            Assert.True(duration >= TimeSpan.Zero);
        }
    }

    [Property]
    public void Whole_seconds_parse_to_themselves(NonNegativeInt seconds)
    {
        Assert.True(DurationParser.TryParse(seconds.Get.ToString(System.Globalization.CultureInfo.InvariantCulture), out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds.Get), duration);
    }
}

/// <summary>JSON text for a request body: mostly objects using the schema's names, sometimes duplicates or non-objects.</summary>
public sealed record JsonBody(string Text)
{
    public override string ToString() => Text;
}

public sealed record DurationText(string Value)
{
    public override string ToString() => Value;
}

public static class JsonBodies
{
    private static readonly string[] Names = ["name", "text", "free", "count", "flag", "ttl", "list", "map", "other", "Count", ""];

    private static readonly string[] Scalars =
    [
        "null", "true", "false", "0", "1", "-1", "1.5", "1e400", "-1e400", "9223372036854775808", "-9223372036854775809",
        "\"\"", "\"a\"", "\"1\"", "\"true\"", "\"90s\"", "\"1h30m\"", "\"-5\"", "\"a,b, c\"", "\"\\u0000\"", "\"2d\"",
        "\"99999999999999999999h\"", "\"µs\"", "\"1.5.5h\"",
    ];

    public static Arbitrary<JsonBody> Bodies() => Arb.From(
        Gen.Frequency(
            (8, Object(3)),
            (1, Value(2)),
            (1, Gen.ListOf(Gen.Elements(Names).Zip(Value(1)), 2).Select(pairs =>
                "{" + string.Join(",", pairs.Select(pair => Quote(pair.Item1) + ":" + pair.Item2).Concat(pairs.Take(1).Select(pair => Quote(pair.Item1) + ":1"))) + "}")))
        .Select(text => new JsonBody(text)));

    private static Gen<string> Object(int depth) =>
        Gen.ListOf(Gen.Elements(Names).Zip(Value(depth - 1)))
            .Select(pairs => pairs.DistinctBy(pair => pair.Item1).Select(pair => Quote(pair.Item1) + ":" + pair.Item2))
            .Select(members => "{" + string.Join(",", members) + "}");

    private static Gen<string> Value(int depth)
    {
        var scalar = Gen.OneOf(Gen.Elements(Scalars), ArbMap.Default.GeneratorFor<string>().Select(text => Quote(text ?? "")));
        if (depth <= 0)
        {
            return scalar;
        }

        return Gen.Frequency(
            (6, scalar),
            (2, Gen.ListOf(Value(depth - 1)).Select(items => "[" + string.Join(",", items) + "]")),
            (1, Object(depth)));
    }

    private static string Quote(string text) => JsonValue.Create(text).ToJsonString();
}

public static class DurationTexts
{
    private static readonly string[] Pieces = ["0", "1", "9", ".", "5", "99999999999", "h", "m", "s", "ms", "us", "µs", "μs", "ns", "d", "-", "+", " ", "e", "x"];

    public static Arbitrary<DurationText> Texts() => Arb.From(
        Gen.ListOf(Gen.Elements(Pieces)).Select(parts => new DurationText(string.Concat(parts))));
}
