using VaultEc2Auth.Instances;
using VaultEc2Auth.Roles;

namespace VaultEc2Auth.Templates;

/// <summary>Builds the template variables of one instance from what EC2/IAM said about it and the matched role.</summary>
public static class InstanceVariables
{
    public static TemplateVariables For(InstanceFacts instance, RoleEntry role, InstanceIdentifierRuleSet identifierRules) => new(
        InstanceHash: InstanceHash.Compute(instance.AccountId, instance.Region, instance.InstanceId),
        Fqdn: instance.PrivateDnsName?.ToLowerInvariant(),
        InternalIPv4: instance.PrivateIpv4,
        BasePath: role.BasePath,
        InstanceId: instance.InstanceId,
        AccountId: instance.AccountId,
        Region: instance.Region,
        AvailabilityZone: instance.AvailabilityZone,
        ImageId: instance.ImageId,
        InstanceType: instance.InstanceType,
        RoleName: role.Name,
        IamRoleArn: instance.IamRoleArn ?? "",
        IamRoleName: RoleNameOf(instance.IamRoleArn),
        Tags: instance.Tags)
    {
        IdentifierRules = identifierRules.For(instance.CloudProvider),
    };

    /// <summary>The last path segment of <c>arn:aws:iam::123456789012:role/path/name</c>.</summary>
    public static string RoleNameOf(string? arn)
    {
        if (arn is null)
        {
            return "";
        }

        var slash = arn.LastIndexOf('/');
        return slash < 0 ? "" : arn[(slash + 1)..];
    }
}
