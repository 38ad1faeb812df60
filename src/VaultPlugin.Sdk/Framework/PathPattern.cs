using System.Text.RegularExpressions;

namespace VaultPlugin.Sdk.Framework;

/// <summary>
/// A path template such as <c>roles/{name}</c>, <c>templates/{role}/{name}</c> or <c>roles/</c> (a list
/// endpoint, matching with or without the trailing slash Vault adds for LIST). A <c>{param}</c> is one segment
/// of Vault's generic name shape (word characters, <c>-</c>, <c>.</c>, <c>@</c>), at most 128 characters.
/// </summary>
public sealed partial class PathPattern
{
    private const string Segment = @"[A-Za-z0-9_](?:[A-Za-z0-9_.@-]{0,126}[A-Za-z0-9_])?";

    private readonly Regex _regex;

    public PathPattern(string template)
    {
        Template = template;
        Parameters = [.. ParameterSyntax().Matches(template).Select(match => match.Groups[1].Value)];
        var body = template.EndsWith('/') ? template[..^1] : template;
        // \z, not $: .NET's $ also matches before a final "\n", so "roles/web\n" would route like "roles/web".
        var pattern = "^" + ParameterSyntax().Replace(Regex.Escape(body).Replace(@"\{", "{"), match => $"(?<{match.Groups[1].Value}>{Segment})")
                      + (template.EndsWith('/') ? @"/?\z" : @"\z");
        // No match timeout: segments are bounded (128 characters) and the pattern cannot backtrack catastrophically,
        // while a timeout turns a slow moment of a loaded node into a 500.
        _regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Regex.InfiniteMatchTimeout);
    }

    public string Template { get; }

    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The path as OpenAPI writes it: leading slash, parameters in braces, no trailing slash.</summary>
    public string OpenApiPath => "/" + Template.TrimEnd('/');

    public bool TryMatch(string path, out IReadOnlyDictionary<string, string> captures)
    {
        var match = _regex.Match(path);
        if (!match.Success)
        {
            captures = new Dictionary<string, string>();
            return false;
        }

        captures = Parameters.ToDictionary(name => name, name => match.Groups[name].Value, StringComparer.Ordinal);
        return true;
    }

    [GeneratedRegex(@"\{([a-z_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterSyntax();
}
