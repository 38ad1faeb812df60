using System.Text.RegularExpressions;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Gce.Instances;

/// <summary>
/// The shapes of GCE's identifiers (docs/gce.md "Identifiers"), the one owner of them: the verifier and the
/// describer check what Google sends with these, and the domain checks instance-controlled values (names, labels,
/// service accounts) before a template or a binding uses them. Every pattern is <c>\z</c>-anchored and bounded.
/// </summary>
public sealed partial class GceIdentifierRules : IInstanceIdentifierRules, IGceOnlyIdentifierRules
{
    /// <summary>An unsigned 64-bit number has at most 20 digits.</summary>
    public const int MaxInstanceIdLength = 20;

    /// <summary>RFC 1035 label: instance names and label keys/values share this bound.</summary>
    public const int MaxNameLength = 63;

    /// <summary>RFC 5321's bound on an address.</summary>
    public const int MaxEmailLength = 254;

    public string CloudProvider => CloudProviders.Gce;

    public bool IsInstanceId(string value) => IsValidInstanceId(value);

    public bool IsAccountId(string value) => IsValidProjectId(value);

    public bool IsRegion(string value) => IsValidRegion(value);

    public bool IsZone(string value) => IsValidZone(value);

    public bool IsInstanceName(string value) => IsValidInstanceName(value);

    public bool IsServiceAccountEmail(string value) => IsValidServiceAccountEmail(value);

    public bool IsLabelKey(string value) => IsValidLabelKey(value);

    public bool IsLabelValue(string value) => IsValidLabelValue(value);

    /// <summary>The numeric instance id Compute assigns (a decimal uint64).</summary>
    public static bool IsValidInstanceId(string? value) =>
        value is { Length: > 0 and <= MaxInstanceIdLength } && InstanceIdShape().IsMatch(value) && ulong.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>A project id: 6–30 characters, a lowercase letter first, no trailing hyphen. Legacy domain-scoped ids (<c>example.com:p</c>) are not accepted.</summary>
    public static bool IsValidProjectId(string? value) => value is { Length: >= 6 and <= 30 } && ProjectIdShape().IsMatch(value);

    /// <summary>A region: <c>us-central1</c>, <c>northamerica-northeast2</c>.</summary>
    public static bool IsValidRegion(string? value) => value is { Length: <= 48 } && RegionShape().IsMatch(value);

    /// <summary>A zone: its region and a one-letter suffix, <c>us-central1-a</c>.</summary>
    public static bool IsValidZone(string? value) => value is { Length: <= 50 } && ZoneShape().IsMatch(value);

    /// <summary>An instance name (RFC 1035 label): a lowercase letter first, then lowercase letters, digits and hyphens, no trailing hyphen, at most 63.</summary>
    public static bool IsValidInstanceName(string? value) => value is { Length: > 0 and <= MaxNameLength } && InstanceNameShape().IsMatch(value);

    /// <summary>
    /// A service account's email: a lowercase local part (the account id, or <c>&lt;project number&gt;-compute</c> for
    /// the default account) at a <c>gserviceaccount.com</c> domain (<c>&lt;project&gt;.iam</c>, <c>developer</c>,
    /// <c>appspot</c>, Google-managed agents).
    /// </summary>
    public static bool IsValidServiceAccountEmail(string? value) => value is { Length: > 0 and <= MaxEmailLength } && ServiceAccountEmailShape().IsMatch(value);

    /// <summary>A label key: 1–63 lowercase letters (international ones too), digits, <c>_</c> and <c>-</c>, a letter first.</summary>
    public static bool IsValidLabelKey(string? value) => value is { Length: > 0 and <= MaxNameLength } && LabelKeyShape().IsMatch(value);

    /// <summary>A label value: 0–63 of the characters a key may have, in any order.</summary>
    public static bool IsValidLabelValue(string? value) => value is { Length: <= MaxNameLength } && LabelValueShape().IsMatch(value);

    /// <summary>The region a valid zone is in (<c>us-central1-a</c> → <c>us-central1</c>); null when the zone is not valid.</summary>
    public static string? RegionOfZone(string? zone) => IsValidZone(zone) ? zone![..zone!.LastIndexOf('-')] : null;

    [GeneratedRegex(@"^[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceIdShape();

    [GeneratedRegex(@"^[a-z][a-z0-9-]{4,28}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectIdShape();

    [GeneratedRegex(@"^[a-z]{2,24}-[a-z]{2,20}[0-9]{1,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionShape();

    [GeneratedRegex(@"^[a-z]{2,24}-[a-z]{2,20}[0-9]{1,2}-[a-z]\z", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneShape();

    [GeneratedRegex(@"^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceNameShape();

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,3}gserviceaccount\.com\z", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceAccountEmailShape();

    [GeneratedRegex(@"^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}0-9_-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelKeyShape();

    [GeneratedRegex(@"^[\p{Ll}\p{Lo}0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueShape();
}
