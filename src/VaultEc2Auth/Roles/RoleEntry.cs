namespace VaultEc2Auth.Roles;

/// <summary>
/// <c>roles/&lt;name&gt;</c>: which instances may log in (IAM role ARN plus optional bounds, lists where any value
/// matches), where their generic objects go, and the tokens they get.
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
    /// <summary>An exact ARN, or a prefix when the configured value ends in '*'.</summary>
    public bool MatchesArn(string? arn) =>
        arn is not null &&
        (IamRoleArn.EndsWith('*')
            ? arn.StartsWith(IamRoleArn[..^1], StringComparison.Ordinal)
            : string.Equals(arn, IamRoleArn, StringComparison.Ordinal));
}
