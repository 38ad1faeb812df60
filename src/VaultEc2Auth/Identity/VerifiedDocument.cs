namespace VaultEc2Auth.Identity;

/// <summary>
/// An instance identity document whose AWS signature has been verified; parsed from the exact signed bytes.
/// Optional fields are null when the document carries null or omits them.
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
    string? Architecture);
