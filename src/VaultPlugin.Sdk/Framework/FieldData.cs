using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VaultPlugin.Sdk.Framework;

/// <summary>
/// A request's fields checked against a path's schema: every supplied field is parsed up front (a wrong type is
/// a 400 naming the field), unknown fields become a warning as in Vault, and typed getters fall back to defaults.
/// </summary>
public sealed class FieldData
{
    private readonly IReadOnlyDictionary<string, FieldSchema> _schema;
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    private FieldData(IReadOnlyDictionary<string, FieldSchema> schema) => _schema = schema;

    /// <summary>Names of supplied fields the path does not know, sorted.</summary>
    public IReadOnlyList<string> UnknownFields { get; private set; } = [];

    public static FieldData Parse(IReadOnlyDictionary<string, FieldSchema> schema, JsonObject? body, IReadOnlyDictionary<string, string> captures)
    {
        var data = new FieldData(schema);
        var unknown = new List<string>();
        if (body is not null)
        {
            foreach (var (name, node) in body)
            {
                if (!schema.TryGetValue(name, out var field))
                {
                    unknown.Add(name);
                    continue;
                }

                if (node is not null)
                {
                    data._values[name] = FieldValueParser.Parse(name, field, node);
                }
            }
        }

        foreach (var (name, value) in captures)
        {
            data._values[name] = value;
        }

        unknown.Sort(StringComparer.Ordinal);
        data.UnknownFields = unknown;
        return data;
    }

    public bool IsSet(string name) => _values.ContainsKey(Known(name));

    public string? GetString(string name) => Get(name) switch
    {
        string text => text,
        _ => null,
    };

    public string RequireString(string name)
    {
        var value = GetString(name);
        return string.IsNullOrEmpty(value) ? throw RequestException.BadRequest($"missing {name}") : value;
    }

    public long GetInt(string name) => Get(name) is long number ? number : 0;

    public bool GetBool(string name) => Get(name) is true;

    public TimeSpan GetDuration(string name) => Get(name) is TimeSpan duration ? duration : TimeSpan.Zero;

    public IReadOnlyList<string> GetStringList(string name) => Get(name) as IReadOnlyList<string> ?? [];

    public JsonObject? GetMap(string name) => Get(name) as JsonObject;

    private object? Get(string name)
    {
        var field = _schema[Known(name)];
        if (_values.TryGetValue(name, out var value))
        {
            return value;
        }

        return field.Default is null ? null : FieldValueParser.Parse(name, field, field.Default);
    }

    private string Known(string name) =>
        _schema.ContainsKey(name) ? name : throw new InvalidOperationException($"field {name} is not in the path's schema");
}

/// <summary>Vault's weak decoding of one field value (mapstructure WeakDecode as Vault's framework uses it).</summary>
internal static class FieldValueParser
{
    public static object Parse(string name, FieldSchema field, JsonNode node)
    {
        object? value = field.Type switch
        {
            FieldType.String or FieldType.Name => AsString(node),
            FieldType.Int => AsInt(node),
            FieldType.Bool => AsBool(node),
            FieldType.Duration => AsDuration(node),
            FieldType.CommaStringSlice => AsStringList(node),
            FieldType.Map => AsMap(node),
            _ => null,
        };
        if (value is null)
        {
            throw RequestException.BadRequest($"field {name} could not be parsed as {Describe(field.Type)}");
        }

        if (value is string text)
        {
            if (text.Length > field.MaxLength)
            {
                throw RequestException.BadRequest($"field {name} is longer than {field.MaxLength} characters");
            }

            if (field.AllowedValues is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
            {
                throw RequestException.BadRequest($"field {name} must be one of: {string.Join(", ", allowed)}");
            }
        }

        return value;
    }

    private static string Describe(FieldType type) => type switch
    {
        FieldType.Int => "an integer",
        FieldType.Bool => "a boolean",
        FieldType.Duration => "a duration (seconds, or like 1h30m)",
        FieldType.CommaStringSlice => "a list of strings",
        FieldType.Map => "an object",
        _ => "a string",
    };

    /// <summary>An object, or (as Vault's TypeMap decodes CLI input like <c>tags='{"team":"x"}'</c>) one given as JSON text.</summary>
    private static JsonObject? AsMap(JsonNode node)
    {
        if (node is JsonObject map)
        {
            return map;
        }
        if (node.GetValueKind() != JsonValueKind.String || node.GetValue<string>() is not { Length: <= MaxMapText } text)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false }) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private const int MaxMapText = 64 * 1024;

    // mapstructure's weak decoding turns a list into a string only when it is a byte slice, which JSON never is:
    // a list for a string field is a 400, as in Vault.
    private static string? AsString(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static object? AsInt(JsonNode node)
    {
        var text = node.GetValueKind() switch
        {
            JsonValueKind.Number => node.ToJsonString(),
            JsonValueKind.String => node.GetValue<string>().Trim(),
            _ => null,
        };
        return text is not null && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    private static object? AsBool(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => node.GetValue<string>().Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "t" => true,
            "false" or "0" or "f" or "" => false,
            _ => null,
        },
        JsonValueKind.Number => node.ToJsonString() switch { "1" => true, "0" => false, _ => null },
        _ => null,
    };

    private static object? AsDuration(JsonNode node)
    {
        switch (node.GetValueKind())
        {
            case JsonValueKind.Number when long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds):
                return DurationParser.TryFromSeconds(seconds, out var fromNumber) ? fromNumber : null;
            case JsonValueKind.String:
                return DurationParser.TryParse(node.GetValue<string>(), out var parsed) ? parsed : null;
            default:
                return null;
        }
    }

    private static List<string>? AsStringList(JsonNode node)
    {
        var items = new List<string>();
        switch (node.GetValueKind())
        {
            case JsonValueKind.String:
                items.AddRange(node.GetValue<string>().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                return items;
            case JsonValueKind.Array:
                foreach (var item in node.AsArray())
                {
                    if (item?.GetValueKind() != JsonValueKind.String)
                    {
                        return null;
                    }

                    var text = item.GetValue<string>().Trim();
                    if (text.Length > 0)
                    {
                        items.Add(text);
                    }
                }

                return items;
            default:
                return null;
        }
    }
}
