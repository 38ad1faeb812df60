using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VaultEc2Auth.Templates;

/// <summary>What a rendered object path and object body must look like before anything is written (a policy name: <see cref="Writing.PolicyName"/>).</summary>
internal static partial class RenderedTargetRules
{
    public const int MaxPathLength = 512;
    public const int MaxJsonDepth = 32;

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        MaxDepth = MaxJsonDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// A path relative to a mount or base path that cannot step out of it, whatever Vault or a proxy does to it:
    /// non-empty segments of <c>[A-Za-z0-9._~@:=+-]</c>, none of them <c>.</c> or <c>..</c>. This leaves out
    /// <c>/</c> at either end, <c>\</c>, <c>%</c> (encoded separators), <c>?</c>, <c>#</c>, whitespace and control
    /// characters.
    /// </summary>
    public static bool IsCleanRelativePath(string path)
    {
        if (path.Length is 0 or > MaxPathLength || !PathCharactersPattern().IsMatch(path))
        {
            return false;
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Where a generic template's rendered path points under base_path: the path itself, or with one leading
    /// <c>/</c> removed (the original specification writes <c>/pki/k8s/roles/:name</c>, relative to base_path).
    /// Null when what remains is not a clean relative path, so <c>/../sys/x</c>, <c>//x</c> and <c>/%2e%2e/x</c> are
    /// refused like <c>../sys/x</c>.
    /// </summary>
    public static string? UnderBasePath(string rendered)
    {
        var relative = rendered.StartsWith('/') ? rendered[1..] : rendered;
        return IsCleanRelativePath(relative) ? relative : null;
    }

    /// <summary>
    /// Reads the rendered body of a generic template, which must be exactly one JSON object (bounded depth, no
    /// duplicate keys, no comments). <paramref name="problem"/> says why not; it may quote the text, so it is shown
    /// only for synthetic renders, never for an instance's.
    /// </summary>
    public static bool TryParseJsonObject(string rendered, out JsonObject data, out string problem)
    {
        try
        {
            if (JsonNode.Parse(rendered, nodeOptions: null, JsonOptions) is JsonObject parsed)
            {
                data = parsed;
                problem = string.Empty;
                return true;
            }
            problem = "template must render a JSON object";
        }
        catch (JsonException exception)
        {
            // Plain words: .NET's own text is a resource key in the Native AOT build ("ExpectedStartOfValueNotFound").
            problem = exception.LineNumber is { } line && exception.BytePositionInLine is { } column
                ? $"template does not render valid JSON (line {line + 1}, column {column + 1}: not a JSON value, or a duplicate or unquoted key, a trailing comma, or a comment there)"
                : "template does not render valid JSON";
        }
        data = [];
        return false;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._~@:=+/-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex PathCharactersPattern();
}
