using System.Text;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp;

/// <summary>
/// A Vault API path below <c>/v1/</c>, checked and percent-encoded segment by segment so that nothing a template
/// renders can climb out of <c>/v1/</c>, add a query or reach another host.
/// </summary>
internal sealed record VaultApiPath
{
    private const int MaxPathLength = 1024;
    private const string PolicyPrefix = "sys/policies/acl/";

    private VaultApiPath(string path, string escaped)
    {
        Path = path;
        Escaped = escaped;
    }

    /// <summary>The path as Vault names it, e.g. <c>pki/roles/ec2-ab12</c>; safe to show in messages.</summary>
    public string Path { get; }

    /// <summary>The percent-encoded form, relative to <c>/v1/</c>.</summary>
    public string Escaped { get; }

    public static VaultApiPath LookupSelf { get; } = new("auth/token/lookup-self", "auth/token/lookup-self");
    public static VaultApiPath RenewSelf { get; } = new("auth/token/renew-self", "auth/token/renew-self");

    public override string ToString() => Path;

    /// <summary>The location of a generic object; throws BadRequest for anything that is not a plain relative path.</summary>
    public static VaultApiPath ForObject(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new InvalidInput("vault object path is empty");
        }

        if (path.Length > MaxPathLength)
        {
            throw new InvalidInput($"vault object path is longer than {MaxPathLength} characters");
        }

        var escaped = new StringBuilder(path.Length + 16);
        foreach (var segment in path.Split('/'))
        {
            CheckSegment(path, segment);
            if (escaped.Length > 0)
            {
                escaped.Append('/');
            }

            escaped.Append(Uri.EscapeDataString(segment));
        }
        return new VaultApiPath(path, escaped.ToString());
    }

    /// <summary>The location of an ACL policy; throws BadRequest for a name Vault would alter or that is reserved.</summary>
    public static VaultApiPath ForPolicy(string name)
    {
        if (!PolicyName.TryParse(name, out var policy))
        {
            throw new InvalidInput("vault " + PolicyName.Problem(name));
        }

        return new VaultApiPath(PolicyPrefix + policy.Value, PolicyPrefix + policy.Value);
    }

    private static void CheckSegment(string path, string segment)
    {
        if (segment.Length == 0)
        {
            throw new InvalidInput($"vault object path '{Printable(path)}' has an empty segment (leading, trailing or double '/')");
        }

        if (segment is "." or "..")
        {
            throw new InvalidInput($"vault object path '{Printable(path)}' contains a '{segment}' segment");
        }

        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            var loneSurrogate = char.IsLowSurrogate(c) || char.IsHighSurrogate(c) && !char.IsSurrogatePair(segment, i);
            if (char.IsControl(c) || c is '?' or '#' or '%' or '\\' || loneSurrogate)
            {
                throw new InvalidInput($"vault object path '{Printable(path)}' contains a character not allowed in a path");
            }

            if (char.IsHighSurrogate(c))
            {
                i++;
            }
        }
    }

    // Messages echo the path so an operator can find the template; control characters would forge log lines.
    private static string Printable(string path)
    {
        var shown = path.Length > 200 ? path[..200] + "..." : path;
        return string.Create(shown.Length, shown, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
    }
}
