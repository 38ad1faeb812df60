namespace VaultEc2Auth.Roles;

/// <summary>
/// <c>roles/&lt;name&gt;</c>: which instances may log in (EC2: IAM role ARN; GCE: service account; plus optional
/// bounds, lists where any value matches), where their generic objects go, and the tokens they get.
/// </summary>
public sealed record RoleEntry(
    string Name,
    string IamRoleArn,
    string BasePath,
    IReadOnlyList<string> BoundAccountId,
    IReadOnlyList<string> BoundRegion,
    IReadOnlyList<string> BoundVpcId,
    IReadOnlyList<string> BoundSubnetId,
    IReadOnlyList<string> BoundAmiId,
    bool AllowInstanceMigration,
    bool DisallowReauthentication,
    TokenSettings Token)
{
    /// <summary>GCE: service-account emails an instance must run as (one of them). Set: this is a GCE role.</summary>
    public IReadOnlyList<string> BoundServiceAccounts { get; init; } = [];

    /// <summary>GCE: projects an instance must belong to.</summary>
    public IReadOnlyList<string> BoundProjects { get; init; } = [];

    /// <summary>GCE: zones an instance must run in.</summary>
    public IReadOnlyList<string> BoundZones { get; init; } = [];

    /// <summary>GCE: labels an instance must carry, every one with this value.</summary>
    public IReadOnlyDictionary<string, string> BoundLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Which provider's instances this role admits: GCE roles bind service accounts, EC2 roles an IAM role ARN.</summary>
    public string CloudProvider => BoundServiceAccounts.Count > 0 ? Identity.CloudProviders.Gce : Identity.CloudProviders.Aws;

    /// <summary>An exact ARN, or a prefix when the configured value ends in '*'.</summary>
    public bool MatchesArn(string? arn) =>
        arn is not null &&
        (IamRoleArn.EndsWith('*')
            ? arn.StartsWith(IamRoleArn[..^1], StringComparison.Ordinal)
            : string.Equals(arn, IamRoleArn, StringComparison.Ordinal));
}
