using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace VaultEc2Auth.Writing;

/// <summary>
/// The name of a Vault ACL policy this plugin writes, and the one owner of that rule: the template layer checks a
/// rendered name with it, <c>config/vault</c> the prefix of every name, and the Vault writer the name it addresses.
/// Lowercase only: Vault lowercases policy names, so accepting only lowercase keeps the name compared equal to
/// Vault's. <c>root</c> and <c>default</c> are Vault's own.
/// </summary>
public sealed partial record PolicyName
{
    public const int MaxLength = 128;

    private PolicyName(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>Why <paramref name="name"/> cannot be a generated policy's name; null when it can.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > MaxLength)
        {
            return $"policy name is longer than {MaxLength} characters";
        }
        if (!Shape().IsMatch(name))
        {
            return "policy name must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit";
        }
        if (IsReserved(name))
        {
            return $"policy name must not be {name}";
        }
        return null;
    }

    public static bool IsValid(string name) => Problem(name) is null;

    public static bool TryParse(string name, [NotNullWhen(true)] out PolicyName? policyName)
    {
        policyName = IsValid(name) ? new PolicyName(name) : null;
        return policyName is not null;
    }

    /// <summary>
    /// A prefix every generated name starts with: non-empty, at most <paramref name="maxLength"/> long, of the
    /// characters a name has, and not itself a reserved name.
    /// </summary>
    public static bool IsValidPrefix(string prefix, int maxLength) =>
        prefix.Length <= maxLength && IsValid(prefix);

    private static bool IsReserved(string name) => name is "root" or "default";

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
