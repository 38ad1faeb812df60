using System.Text.RegularExpressions;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Aws;

/// <summary>
/// The one owner of AWS's identifier shapes: the identity-document parser, the metadata-service region, the
/// <c>config/client</c> and <c>config/sts</c> checks and the template layer all ask here. <c>\z</c>, not <c>$</c>:
/// <c>$</c> also matches before a trailing newline. Region names go into endpoint host names, so the region rule
/// admits nothing a host name could not hold.
/// </summary>
public sealed partial class AwsIdentifierRules : IInstanceIdentifierRules, IAwsOnlyIdentifierRules
{
    private const int MaxRegionLength = 32;
    private const int MaxZoneLength = 64;
    private const int MaxInstanceTypeLength = 64;
    private const int MaxIamRoleArnLength = 2048;

    public string CloudProvider => CloudProviders.Aws;

    public bool IsInstanceId(string value) => InstanceIdPattern().IsMatch(value);

    public bool IsAccountId(string value) => AccountIdPattern().IsMatch(value);

    /// <summary><c>eu-west-1</c>, <c>us-gov-west-1</c>, <c>cn-north-1</c>, <c>ap-southeast-10</c>.</summary>
    public bool IsRegion(string value) => value.Length <= MaxRegionLength && RegionPattern().IsMatch(value);

    public bool IsZone(string value) => value.Length <= MaxZoneLength && ZonePattern().IsMatch(value);

    public bool IsImageId(string value) => ImageIdPattern().IsMatch(value);

    public bool IsInstanceType(string value) => value.Length <= MaxInstanceTypeLength && InstanceTypePattern().IsMatch(value);

    public bool IsIamRoleArn(string value) => value.Length <= MaxIamRoleArnLength && IamRoleArnPattern().IsMatch(value);

    public bool IsIamRoleName(string value) => IamRoleNamePattern().IsMatch(value);

    [GeneratedRegex(@"^i-[0-9a-f]{8,17}\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceIdPattern();

    [GeneratedRegex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    // Regional zones (us-east-1a), Local Zones (us-west-2-lax-1a) and Wavelength Zones (us-east-1-wl1-bos-wlz-1).
    [GeneratedRegex(@"^[a-z]{2}(?:-[a-z0-9]+)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ZonePattern();

    [GeneratedRegex(@"^ami-[0-9a-f]{8,17}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ImageIdPattern();

    [GeneratedRegex(@"^[a-z0-9-]+\.[a-z0-9-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceTypePattern();

    // The partitions the plugin has endpoints for (AwsPartition): aws, aws-cn, aws-us-gov.
    [GeneratedRegex(@"^arn:aws(?:-cn|-us-gov)?:iam::[0-9]{12}:role/(?:[A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IamRoleArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IamRoleNamePattern();
}
