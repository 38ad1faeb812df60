using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Config;

/// <summary>The stored form of <c>config/client</c>. Seal-wrapped: it holds the AWS secret key.</summary>
public sealed record ClientConfigEntry(
    string CloudProvider,
    string? AccessKey,
    string? SecretKey,
    string? Region,
    string? Ec2Endpoint,
    string? IamEndpoint,
    string? StsEndpoint,
    int MaxRetries)
{
    public CloudClientSettings ToSettings() =>
        new(CloudProvider, AccessKey, SecretKey, Region, Ec2Endpoint, IamEndpoint, StsEndpoint, MaxRetries);

    public override string ToString() => ToSettings().ToString();
}
