using System.Text.RegularExpressions;

namespace VaultEc2Auth.Roles;

/// <summary>
/// A role's <c>base_path</c>, the Vault path prefix its generic objects are written under, and the one owner of that
/// rule: <c>roles/</c> checks it on write, the template layer before a template renders with it. Segments of
/// letters, digits, <c>-</c>, <c>_</c> and <c>.</c> (never <c>.</c> or <c>..</c>, never empty, so no leading or
/// trailing <c>/</c>), outside Vault's system mounts. <c>\z</c>: <c>pki/roles\n</c> is refused.
/// </summary>
public static partial class VaultBasePath
{
    private static readonly string[] SystemMounts = ["sys", "auth", "identity", "cubbyhole"];

    /// <summary>Why <paramref name="value"/> cannot be a base_path; null when it can.</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "missing base_path";
        }
        var segments = value.Split('/');
        if (segments.Any(segment => segment is "." or ".." || !SafeSegment().IsMatch(segment)))
        {
            return "base_path must be segments of letters, digits, '-', '_' or '.' separated by '/', without a leading or trailing '/' and without '..'";
        }
        return SystemMounts.Contains(segments[0], StringComparer.Ordinal) ? $"base_path cannot be under {segments[0]}/" : null;
    }

    public static bool IsValid(string? value) => Problem(value) is null;

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeSegment();
}
