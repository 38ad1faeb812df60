namespace VaultEc2Auth.Instances;

/// <summary>Lifecycle state as EC2 reports it; only <see cref="Running"/> may log in or renew.</summary>
public enum InstanceState { Pending, Running, ShuttingDown, Terminated, Stopping, Stopped, Unknown }

/// <summary>
/// What the cloud says about an instance right now (EC2 and IAM, or Compute Engine: there <see cref="AccountId"/> is
/// the project, <see cref="AvailabilityZone"/> the zone, <see cref="PrivateDnsName"/> the hostname,
/// <see cref="ImageId"/> empty). Values an instance owner controls (tags, names) are raw
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
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary><c>aws</c> or <c>gce</c>.</summary>
    public string CloudProvider { get; init; } = Identity.CloudProviders.Aws;

    /// <summary>GCE: the instance's name.</summary>
    public string? InstanceName { get; init; }

    /// <summary>GCE: the emails of the service accounts attached to the instance.</summary>
    public IReadOnlyList<string> ServiceAccounts { get; init; } = [];

    /// <summary>GCE: the instance's labels (raw, like <see cref="Tags"/>).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
