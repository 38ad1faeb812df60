using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Roles;

/// <inheritdoc />
public sealed class RoleMatcher : IRoleMatcher
{
    public RoleEntry Match(InstanceFacts instance, IReadOnlyList<RoleEntry> roles, string? requestedRole) =>
        instance.CloudProvider == CloudProviders.Gce ? MatchGce(instance, roles, requestedRole) : MatchAws(instance, roles, requestedRole);

    private static RoleEntry MatchAws(InstanceFacts instance, IReadOnlyList<RoleEntry> roles, string? requestedRole)
    {
        if (instance.IamRoleArn is null)
        {
            throw RequestException.Denied("the instance has no IAM role (no instance profile)");
        }

        if (requestedRole is not null)
        {
            var role = roles.FirstOrDefault(candidate => candidate.Name == requestedRole)
                       ?? throw RequestException.Denied($"role {requestedRole} does not exist");
            if (role.CloudProvider != CloudProviders.Aws || !role.MatchesArn(instance.IamRoleArn))
            {
                throw RequestException.Denied($"the instance's IAM role ARN is not bound to role {role.Name}");
            }

            return BoundMismatch(role, instance) is { } reason ? throw RequestException.Denied(reason) : role;
        }

        var byArn = roles.Where(role => role.CloudProvider == CloudProviders.Aws && role.MatchesArn(instance.IamRoleArn)).ToList();
        return OnlyMatch(byArn, instance, BoundMismatch, "no role is bound to the instance's IAM role ARN");
    }

    /// <summary>GCE: a role admits the instance when one of its service accounts is bound, then every bound decides.</summary>
    private static RoleEntry MatchGce(InstanceFacts instance, IReadOnlyList<RoleEntry> roles, string? requestedRole)
    {
        bool BindsServiceAccount(RoleEntry role) =>
            role.CloudProvider == CloudProviders.Gce && instance.ServiceAccounts.Any(account => role.BoundServiceAccounts.Contains(account, StringComparer.Ordinal));

        if (requestedRole is not null)
        {
            var role = roles.FirstOrDefault(candidate => candidate.Name == requestedRole)
                       ?? throw RequestException.Denied($"role {requestedRole} does not exist");
            if (!BindsServiceAccount(role))
            {
                throw RequestException.Denied($"none of the instance's service accounts is bound to role {role.Name}");
            }

            return GceBoundMismatch(role, instance) is { } reason ? throw RequestException.Denied(reason) : role;
        }

        var byAccount = roles.Where(BindsServiceAccount).ToList();
        return OnlyMatch(byAccount, instance, GceBoundMismatch, "no role is bound to the instance's service accounts");
    }

    private static RoleEntry OnlyMatch(List<RoleEntry> candidates, InstanceFacts instance, Func<RoleEntry, InstanceFacts, string?> mismatch, string noneBound)
    {
        var matching = candidates.Where(role => mismatch(role, instance) is null).ToList();
        return matching.Count switch
        {
            1 => matching[0],
            > 1 => throw RequestException.BadRequest(
                $"the instance matches several roles ({string.Join(", ", matching.Select(role => role.Name).Order(StringComparer.Ordinal))}): name one with the role field"),
            _ when candidates.Count > 0 => throw RequestException.Denied(mismatch(candidates[0], instance)!),
            _ => throw RequestException.Denied(noneBound),
        };
    }

    private static bool Allows(IReadOnlyList<string> bound, string? value) =>
        bound.Count == 0 || (value is not null && bound.Contains(value, StringComparer.Ordinal));

    /// <summary>GCE: the first bound the instance fails, as a reason; null when every set bound matches.</summary>
    internal static string? GceBoundMismatch(RoleEntry role, InstanceFacts instance) =>
        !Allows(role.BoundProjects, instance.AccountId) ? $"project does not match role {role.Name}'s bound_projects"
        : !Allows(role.BoundZones, instance.AvailabilityZone) ? $"zone does not match role {role.Name}'s bound_zones"
        : !Allows(role.BoundRegion, instance.Region) ? $"region does not match role {role.Name}'s bound_region"
        : role.BoundLabels.Any(label => !instance.Labels.TryGetValue(label.Key, out var value) || value != label.Value)
            ? $"labels do not match role {role.Name}'s bound_labels"
        : null;

    /// <summary>The first bound the instance fails, as a reason; null when every set bound matches.</summary>
    internal static string? BoundMismatch(RoleEntry role, InstanceFacts instance) =>
        !Allows(role.BoundAccountId, instance.AccountId) ? $"account ID does not match role {role.Name}'s bound_account_id"
            : !Allows(role.BoundRegion, instance.Region) ? $"region does not match role {role.Name}'s bound_region"
            : !Allows(role.BoundVpcId, instance.VpcId) ? $"VPC does not match role {role.Name}'s bound_vpc_id"
            : !Allows(role.BoundSubnetId, instance.SubnetId) ? $"subnet does not match role {role.Name}'s bound_subnet_id"
            : !Allows(role.BoundAmiId, instance.ImageId) ? $"AMI does not match role {role.Name}'s bound_ami_id"
            : null;
}
