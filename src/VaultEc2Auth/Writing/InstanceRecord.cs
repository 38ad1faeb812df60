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
    DateTimeOffset? StoppedSince = null);
