namespace VaultEc2Auth.Aws.Instances;

/// <summary>The AWS partition a region belongs to, that partition's global IAM endpoint and its STS endpoints.</summary>
internal sealed record AwsPartition(string Name, Uri IamEndpoint, string IamSigningRegion)
{
    private static readonly AwsPartition Commercial = new("aws", new Uri("https://iam.amazonaws.com/"), "us-east-1");
    private static readonly AwsPartition China = new("aws-cn", new Uri("https://iam.cn-north-1.amazonaws.com.cn/"), "cn-north-1");
    private static readonly AwsPartition GovCloud = new("aws-us-gov", new Uri("https://iam.us-gov.amazonaws.com/"), "us-gov-west-1");

    public static AwsPartition OfRegion(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? China
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? GovCloud
        : Commercial;

    /// <summary>STS's regional endpoint (AWS recommends regional over the global one; China's domain differs).</summary>
    public static Uri StsEndpoint(string region) =>
        new(region.StartsWith("cn-", StringComparison.Ordinal) ? $"https://sts.{region}.amazonaws.com.cn/" : $"https://sts.{region}.amazonaws.com/");
}
