using System.Text.RegularExpressions;

namespace VaultEc2Auth.Templates;

/// <summary>
/// The shapes per-instance values must have before a template may use them. Each pattern admits only characters
/// that cannot end a quoted string, open a block or an interpolation, or add a path segment in the places templates
/// put them. <c>\z</c>, not <c>$</c>: <c>$</c> also matches before a trailing newline.
/// </summary>
internal static partial class InstanceValuePatterns
{
    public const int MaxTagValueLength = 256;
    public const int MaxTagKeyLength = 128;
    private const int MaxDnsNameLength = 253;

    public static bool IsInstanceHash(string value) => InstanceHashPattern().IsMatch(value);

    public static bool IsInstanceId(string value) => InstanceIdPattern().IsMatch(value);

    public static bool IsImageId(string value) => ImageIdPattern().IsMatch(value);

    public static bool IsAccountId(string value) => AccountIdPattern().IsMatch(value);

    public static bool IsRegion(string value) => RegionPattern().IsMatch(value);

    public static bool IsAvailabilityZone(string value) => value.Length <= 64 && AvailabilityZonePattern().IsMatch(value);

    public static bool IsInstanceType(string value) => value.Length <= 64 && InstanceTypePattern().IsMatch(value);

    public static bool IsVaultRoleName(string value) => value.Length <= 128 && VaultNamePattern().IsMatch(value);

    public static bool IsIamRoleArn(string value) => value.Length <= 2048 && IamRoleArnPattern().IsMatch(value);

    public static bool IsIamRoleName(string value) => IamRoleNamePattern().IsMatch(value);

    public static bool IsIPv4(string value) => IPv4Pattern().IsMatch(value);

    /// <summary>Lowercase DNS name: labels of [a-z0-9-], 1–63 long, no leading or trailing '-', at most 253 in all.</summary>
    public static bool IsFqdn(string value) => value.Length <= MaxDnsNameLength && DnsNamePattern().IsMatch(value);

    /// <summary>AWS's tag character set: letters, digits, space and <c>_ . : / = + - @</c>.</summary>
    public static bool IsTagValue(string value) => value.Length <= MaxTagValueLength && TagTextPattern().IsMatch(value);

    public static bool IsTagKey(string value) =>
        value.Length is > 0 and <= MaxTagKeyLength && TagTextPattern().IsMatch(value);

    [GeneratedRegex(@"^[0-9a-f]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceHashPattern();

    [GeneratedRegex(@"^i-[0-9a-f]{8,17}\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceIdPattern();

    [GeneratedRegex(@"^ami-[0-9a-f]{8,17}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ImageIdPattern();

    [GeneratedRegex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    // Regional zones (us-east-1a), Local Zones (us-west-2-lax-1a) and Wavelength Zones (us-east-1-wl1-bos-wlz-1).
    [GeneratedRegex(@"^[a-z]{2}(-[a-z0-9]+)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex AvailabilityZonePattern();

    [GeneratedRegex(@"^[a-z0-9-]+\.[a-z0-9-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceTypePattern();

    // Vault's own name pattern for roles (framework.GenericNameRegex).
    [GeneratedRegex(@"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex VaultNamePattern();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex IamRoleArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IamRoleNamePattern();

    [GeneratedRegex(@"^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex IPv4Pattern();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex DnsNamePattern();

    [GeneratedRegex(@"^[\p{L}\p{N} _.:/=+@-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagTextPattern();
}
