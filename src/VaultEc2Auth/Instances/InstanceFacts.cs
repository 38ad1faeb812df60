namespace VaultEc2Auth.Instances;

/// <summary>Lifecycle state as EC2 reports it; only <see cref="Running"/> may log in or renew.</summary>
public enum InstanceState { Pending, Running, ShuttingDown, Terminated, Stopping, Stopped, Unknown }

/// <summary>
/// What EC2 and IAM say about an instance right now. Values an instance owner controls (tags, names) are raw
/// here; the template layer validates them before use.
/// </summary>
public sealed record InstanceFacts(
    string InstanceId,
    string AccountId,
    string Region,
    InstanceState State,
    string? IamInstanceProfileArn,
    string? IamRoleArn,
    string? PrivateDnsName,
    string? PrivateIpv4,
    string? VpcId,
    string? SubnetId,
    string ImageId,
    string? InstanceType,
    string? AvailabilityZone,
    DateTimeOffset? LaunchTime,
    IReadOnlyDictionary<string, string> Tags);
