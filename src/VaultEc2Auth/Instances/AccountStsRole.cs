namespace VaultEc2Auth.Instances;

/// <summary>
/// <c>config/sts/&lt;account_id&gt;</c>: the IAM role the plugin assumes (STS AssumeRole) before it asks EC2 and
/// IAM about an instance of that account. <see cref="ExternalId"/> is the value the role's trust policy demands.
/// </summary>
public sealed record AccountStsRole(string StsRole, string? ExternalId, string SessionName)
{
    public const string DefaultSessionName = "vault-ec2-instance";
}
