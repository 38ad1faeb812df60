using Amazon.EC2.Model;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using InstanceState = VaultEc2Auth.Instances.InstanceState;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// EC2's description of an instance as the domain's <see cref="InstanceFacts"/>, faithfully: the account is the
/// reservation's owner and the image and launch time the instance's, so the domain's <see cref="InstanceAgreement"/>
/// compares what EC2 said with what the document claims. The region is the one EC2 was asked in.
/// </summary>
internal static class InstanceFactsMapping
{
    public static InstanceFacts From(VerifiedDocument document, string? ownerId, Instance instance, string? profileArn, string? roleArn)
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
            instance.InstanceId ?? "",
            ownerId ?? "",
            document.Region,
            StateOf(instance.State?.Name?.Value),
            profileArn,
            roleArn,
            EmptyAsNull(instance.PrivateDnsName),
            EmptyAsNull(instance.PrivateIpAddress),
            EmptyAsNull(instance.VpcId),
            EmptyAsNull(instance.SubnetId),
            instance.ImageId ?? "",
            instance.InstanceType?.Value,
            EmptyAsNull(instance.Placement?.AvailabilityZone),
            ToUtc(instance.LaunchTime),
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

    public static DateTimeOffset? ToUtc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),
        { } other => new DateTimeOffset(DateTime.SpecifyKind(other, DateTimeKind.Utc), TimeSpan.Zero),
    };

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
