using System.Text.Json.Nodes;

namespace VaultPlugin.Sdk.Framework;

/// <summary>Vault's field types (sdk/framework FieldType), as this SDK parses them.</summary>
public enum FieldType
{
    String,
    Int,
    Bool,
    /// <summary>Seconds as a number or string (<c>90</c>, <c>"90"</c>), or a Go duration (<c>"1h30m"</c>).</summary>
    Duration,
    /// <summary>A JSON list of strings or one comma-separated string.</summary>
    CommaStringSlice,
    /// <summary>A JSON object.</summary>
    Map,
    /// <summary>A path segment captured from the URL.</summary>
    Name,
}

/// <summary>One field of a path: its type, help text and rules. A sensitive field is never echoed.</summary>
public sealed record FieldSchema(FieldType Type, string Description)
{
    public JsonNode? Default { get; init; }
    public bool Required { get; init; }
    public bool Sensitive { get; init; }

    /// <summary>For string fields: the only values accepted.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>Upper bound on a string field's length (characters), to bound input at the edge.</summary>
    public int MaxLength { get; init; } = 4096;
}
