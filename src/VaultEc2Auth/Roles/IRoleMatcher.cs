using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Roles;

/// <summary>
/// Chooses the role an instance logs in with: its IAM role ARN against each role's <c>iam_role_arn</c>, then the
/// role's bounds. With a requested role, that role must match (else 403); without, exactly one role must match
/// (several ⇒ 400 naming them; none ⇒ 403).
/// </summary>
public interface IRoleMatcher
{
    RoleEntry Match(InstanceFacts instance, IReadOnlyList<RoleEntry> roles, string? requestedRole);
}
