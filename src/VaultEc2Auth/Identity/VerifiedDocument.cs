namespace VaultEc2Auth.Identity;

/// <summary>
/// A cloud-signed instance identity whose signature has been verified: an EC2 identity document (parsed from the
/// exact signed bytes) or a GCE instance identity token. Optional fields are null when the proof carries null or
/// omits them. For GCE: <see cref="AccountId"/> is the project id, <see cref="Region"/> the zone's region,
/// <see cref="AvailabilityZone"/> the zone, <see cref="PendingTime"/> the token's <c>iat</c> (replay ordering) and
/// <see cref="ImageId"/> empty.
/// </summary>
public sealed record VerifiedDocument(
    string InstanceId,
    string AccountId,
    string Region,
    string? AvailabilityZone,
    DateTimeOffset PendingTime,
    string ImageId,
    string? InstanceType,
    string? PrivateIp,
    string? Architecture)
{
    /// <summary><c>aws</c> or <c>gce</c>: which provider signed it, and so which describer may check it.</summary>
    public string CloudProvider { get; init; } = CloudProviders.Aws;

    /// <summary>GCE: the instance name the token names.</summary>
    public string? InstanceName { get; init; }

    /// <summary>GCE: when the instance was created (<c>instance_creation_timestamp</c>); Compute must agree.</summary>
    public DateTimeOffset? InstanceCreationTime { get; init; }

    /// <summary>GCE: the service account the token was issued for (<c>email</c>).</summary>
    public string? ServiceAccountEmail { get; init; }
}
