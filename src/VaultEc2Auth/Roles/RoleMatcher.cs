using VaultEc2Auth.Instances;
using VaultEc2Auth.Sdk.Framework;

namespace VaultEc2Auth.Roles;

/// <inheritdoc />
public sealed class RoleMatcher : IRoleMatcher
{
    public RoleEntry Match(InstanceFacts instance, IReadOnlyList<RoleEntry> roles, string? requestedRole)
    {
        if (instance.IamRoleArn is null)
        {
            throw RequestException.Denied("the instance has no IAM role (no instance profile)");
        }

        if (requestedRole is not null)
        {
            var role = roles.FirstOrDefault(candidate => candidate.Name == requestedRole)
                       ?? throw RequestException.Denied($"role {requestedRole} does not exist");
            if (!role.MatchesArn(instance.IamRoleArn))
            {
                throw RequestException.Denied($"the instance's IAM role ARN is not bound to role {role.Name}");
            }

            return BoundMismatch(role, instance) is { } reason ? throw RequestException.Denied(reason) : role;
        }

        var byArn = roles.Where(role => role.MatchesArn(instance.IamRoleArn)).ToList();
        var matching = byArn.Where(role => BoundMismatch(role, instance) is null).ToList();
        return matching.Count switch
        {
            1 => matching[0],
            > 1 => throw RequestException.BadRequest(
                $"the instance matches several roles ({string.Join(", ", matching.Select(role => role.Name).Order(StringComparer.Ordinal))}): name one with the role field"),
            _ when byArn.Count > 0 => throw RequestException.Denied(BoundMismatch(byArn[0], instance)!),
            _ => throw RequestException.Denied("no role is bound to the instance's IAM role ARN"),
        };
    }

    /// <summary>The first bound the instance fails, as a reason; null when every set bound matches.</summary>
    internal static string? BoundMismatch(RoleEntry role, InstanceFacts instance)
    {
        static bool Allows(IReadOnlyList<string> bound, string? value) =>
            bound.Count == 0 || (value is not null && bound.Contains(value, StringComparer.Ordinal));

        return !Allows(role.BoundAccountId, instance.AccountId) ? $"account ID does not match role {role.Name}'s bound_account_id"
            : !Allows(role.BoundRegion, instance.Region) ? $"region does not match role {role.Name}'s bound_region"
            : !Allows(role.BoundVpcId, instance.VpcId) ? $"VPC does not match role {role.Name}'s bound_vpc_id"
            : !Allows(role.BoundSubnetId, instance.SubnetId) ? $"subnet does not match role {role.Name}'s bound_subnet_id"
            : !Allows(role.BoundAmiId, instance.ImageId) ? $"AMI does not match role {role.Name}'s bound_ami_id"
            : null;
    }
}
