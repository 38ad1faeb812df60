namespace VaultEc2Auth.Writing;

/// <summary>
/// <c>instances/&lt;instance id&gt;</c>: what exists in Vault for one instance (<see cref="Applied"/>) and, while
/// a login is writing, what is about to (<see cref="Pending"/>). A crash between the two leaves both on record,
/// so the next login or the tidy can finish or undo the work instead of leaving orphans. <see cref="StoppedSince"/>
/// is when the tidy first found the instance stopped (for stopped_grace).
/// </summary>
public sealed record InstanceRecord(
    string InstanceId,
    string AccountId,
    string Region,
    string Role,
    RenderedSet Applied,
    RenderedSet? Pending,
    DateTimeOffset UpdatedTime,
    DateTimeOffset? StoppedSince = null)
{
    /// <summary><c>aws</c> or <c>gce</c>: which describer the tidy asks. Records written before GCE are AWS's.</summary>
    public string CloudProvider { get; init; } = Identity.CloudProviders.Aws;

    /// <summary>GCE: the zone (Compute addresses an instance by project, zone and id).</summary>
    public string? Zone { get; init; }

    /// <summary>Where the provider looks the instance up: EC2 by region, Compute by zone.</summary>
    public string Location => CloudProvider == Identity.CloudProviders.Gce ? Zone ?? Region : Region;
}
