using Amazon.EC2.Model;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// Checks that the live instance is the one the signed document describes, and that the document is from the
/// instance's current run: a document from before the last start is stale.
/// </summary>
internal static class InstanceAgreement
{
    /// <summary>Vault's clock and AWS's may differ a little; a pendingTime further ahead than this is forged or broken.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public static void CheckDocumentTime(VerifiedDocument document, DateTimeOffset now)
    {
        if (document.PendingTime > now + ClockSkew)
        {
            throw new Refused("identity document pendingTime is in the future");
        }
    }

    public static void Check(VerifiedDocument document, string? ownerId, Instance instance)
    {
        if (instance.InstanceId != document.InstanceId)
        {
            throw new Refused("described instance id differs from the identity document");
        }
        if (ownerId != document.AccountId)
        {
            throw new Refused("instance belongs to another account than the identity document");
        }
        var zone = instance.Placement?.AvailabilityZone;
        if (zone is not null && !zone.StartsWith(document.Region, StringComparison.Ordinal))
        {
            throw new Refused("instance is in another region than the identity document");
        }
        if (instance.ImageId != document.ImageId)
        {
            throw new Refused("instance image differs from the identity document");
        }
        if (ToUtc(instance.LaunchTime) is { } launch && launch > document.PendingTime)
        {
            throw new Refused("identity document is older than the instance's last start");
        }
    }

    public static DateTimeOffset? ToUtc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),
        { } other => new DateTimeOffset(DateTime.SpecifyKind(other, DateTimeKind.Utc), TimeSpan.Zero),
    };
}
