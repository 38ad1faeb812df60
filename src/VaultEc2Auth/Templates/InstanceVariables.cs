using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Roles;

namespace VaultEc2Auth.Templates;

/// <summary>Builds the template variables of one instance from what EC2/IAM said about it and the matched role.</summary>
public static class InstanceVariables
{
    /// <summary>
    /// GCE: <c>FQDN</c> is the instance's hostname, <c>InternalIPv4</c> its network IP, and <c>InstanceHash</c> is over
    /// project, zone and instance id (a Compute instance id is unique per project and zone); <c>ServiceAccount</c> is
    /// the one the token was issued for.
    /// </summary>
    public static TemplateVariables For(InstanceFacts instance, RoleEntry role, InstanceIdentifierRuleSet identifierRules, string? serviceAccount = null)
    {
        var variables = new TemplateVariables(
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
            CloudProvider = instance.CloudProvider,
        };

        return instance.CloudProvider != CloudProviders.Gce ? variables : variables with
        {
            InstanceHash = InstanceHash.Compute(instance.AccountId, instance.AvailabilityZone ?? instance.Region, instance.InstanceId),
            ProjectId = instance.AccountId,
            Zone = instance.AvailabilityZone,
            InstanceName = instance.InstanceName,
            ServiceAccount = serviceAccount ?? instance.ServiceAccounts.FirstOrDefault(),
            Labels = instance.Labels,
        };
    }

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
