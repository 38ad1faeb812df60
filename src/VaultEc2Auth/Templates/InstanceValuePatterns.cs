using System.Text.RegularExpressions;

namespace VaultEc2Auth.Templates;

/// <summary>
/// The shapes of the provider-neutral per-instance values (hash, DNS name, IPv4 address, tag text, Vault role name)
/// a template may use; each provider's identifiers are its adapter's (<see cref="Instances.IInstanceIdentifierRules"/>).
/// Each pattern admits only characters that cannot end a quoted string, open a block or an interpolation, or add a
/// path segment in the places templates put them. <c>\z</c>, not <c>$</c>: <c>$</c> also matches before a trailing
/// newline.
/// </summary>
internal static partial class InstanceValuePatterns
{
    public const int MaxTagValueLength = 256;
    public const int MaxTagKeyLength = 128;
    private const int MaxDnsNameLength = 253;

    public static bool IsInstanceHash(string value) => InstanceHashPattern().IsMatch(value);

    public static bool IsVaultRoleName(string value) => value.Length <= 128 && VaultNamePattern().IsMatch(value);

    public static bool IsIPv4(string value) => IPv4Pattern().IsMatch(value);

    /// <summary>Lowercase DNS name: labels of [a-z0-9-], 1–63 long, no leading or trailing '-', at most 253 in all.</summary>
    public static bool IsFqdn(string value) => value.Length <= MaxDnsNameLength && DnsNamePattern().IsMatch(value);

    /// <summary>AWS's tag character set: letters, digits, space and <c>_ . : / = + - @</c>.</summary>
    public static bool IsTagValue(string value) => value.Length <= MaxTagValueLength && TagTextPattern().IsMatch(value);

    public static bool IsTagKey(string value) =>
        value.Length is > 0 and <= MaxTagKeyLength && TagTextPattern().IsMatch(value);

    [GeneratedRegex(@"^[0-9a-f]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceHashPattern();

    // Vault's own name pattern for roles (framework.GenericNameRegex).
    [GeneratedRegex(@"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex VaultNamePattern();

    [GeneratedRegex(@"^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex IPv4Pattern();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex DnsNamePattern();

    [GeneratedRegex(@"^[\p{L}\p{N} _.:/=+@-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagTextPattern();
}
