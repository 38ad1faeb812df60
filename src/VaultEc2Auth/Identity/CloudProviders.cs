namespace VaultEc2Auth.Identity;

/// <summary>The values of <c>config/client</c>'s <c>cloud_provider</c>, owned here.</summary>
public static class CloudProviders
{
    public const string Aws = "aws";
    public const string Gce = "gce";
}
