using Amazon.EC2.Model;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using InstanceState = VaultEc2Auth.Instances.InstanceState;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>EC2's description of an instance as the domain's <see cref="InstanceFacts"/>.</summary>
internal static class InstanceFactsMapping
{
    public static InstanceFacts From(VerifiedDocument document, Instance instance, string? profileArn, string? roleArn)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in instance.Tags ?? [])
        {
            if (tag.Key is { } key)
            {
                tags[key] = tag.Value ?? "";
            }
        }
        return new InstanceFacts(
            instance.InstanceId,
            document.AccountId,
            document.Region,
            StateOf(instance.State?.Name?.Value),
            profileArn,
            roleArn,
            EmptyAsNull(instance.PrivateDnsName),
            EmptyAsNull(instance.PrivateIpAddress),
            EmptyAsNull(instance.VpcId),
            EmptyAsNull(instance.SubnetId),
            instance.ImageId,
            instance.InstanceType?.Value,
            EmptyAsNull(instance.Placement?.AvailabilityZone),
            InstanceAgreement.ToUtc(instance.LaunchTime),
            tags);
    }

    public static InstanceState StateOf(string? name) => name switch
    {
        "pending" => InstanceState.Pending,
        "running" => InstanceState.Running,
        "shutting-down" => InstanceState.ShuttingDown,
        "terminated" => InstanceState.Terminated,
        "stopping" => InstanceState.Stopping,
        "stopped" => InstanceState.Stopped,
        _ => InstanceState.Unknown,
    };

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
