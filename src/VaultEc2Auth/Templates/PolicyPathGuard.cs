using Scriban.Runtime;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Templates;

/// <summary>
/// Tag values as path globs (security review finding 4): AWS's tag characters include <c>+</c> and <c>/</c>, which
/// in a Vault policy path are a segment wildcard and a segment separator, and quoting (<c>hcl_string</c>) does not
/// change that. A policy is rendered a second time with those characters in every tag value replaced; if any policy
/// path (any key) differs, a tag value reached it, and the login is refused before anything is written. Everywhere
/// else (comments, capability or parameter values, JSON strings, PKI role fields) the whole tag character set still
/// renders.
/// </summary>
internal static class PolicyPathGuard
{
    private static readonly char[] PathSyntax = ['+', '*', '/'];

    public static bool HasPathSyntax(IReadOnlyDictionary<string, string> tags) =>
        tags.Values.Any(value => value.IndexOfAny(PathSyntax) >= 0);

    /// <summary>The same variables with every <c>+</c>, <c>*</c> and <c>/</c> in a tag value replaced by <c>_</c>.</summary>
    public static IScriptObject Neutralized(TemplateVariables variables)
    {
        var tags = variables.Tags.ToDictionary(tag => tag.Key, tag => Neutralize(tag.Value), StringComparer.Ordinal);
        return new InstanceScriptObject(variables with { Tags = tags }, new InstanceTags(tags), new InstanceLabels(variables.Labels, variables.IdentifierRules));
    }

    public static void RequireSamePaths(string templateName, string policy, Func<string?> neutralPolicy)
    {
        string? neutral;
        try
        {
            neutral = neutralPolicy();
        }
        catch (TemplateFailure)
        {
            neutral = null;
        }

        if (neutral is null || !PolicyKeys.Read(policy).SequenceEqual(PolicyKeys.Read(neutral), StringComparer.Ordinal))
        {
            throw RequestException.Denied(
                $"template {templateName} puts a tag value holding '+', '*' or '/' into a policy path, where it would be a wildcard or a path segment: use InstanceHash in policy paths");
        }
    }

    private static string Neutralize(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (Array.IndexOf(PathSyntax, chars[i]) >= 0)
            {
                chars[i] = '_';
            }
        }
        return new string(chars);
    }
}
