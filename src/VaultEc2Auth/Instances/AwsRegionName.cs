using System.Text.RegularExpressions;

namespace VaultEc2Auth.Instances;

/// <summary>The shape of an AWS region name (<c>eu-west-1</c>, <c>us-gov-west-1</c>, <c>cn-north-1</c>): region names go into endpoint host names.</summary>
public static partial class AwsRegionName
{
    public static bool IsValid(string? region) => region is { Length: <= 32 } && Shape().IsMatch(region);

    [GeneratedRegex(@"^[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
