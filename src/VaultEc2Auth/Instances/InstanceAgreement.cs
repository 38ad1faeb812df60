using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Instances;

/// <summary>
/// Checks that the live instance a provider described is the one its signed identity names, for every provider:
/// the same instance, account (GCE: project), region and zone; on EC2 the same image, and a document from the
/// instance's current run (one from before its last start is stale); on GCE the same creation time and an attached
/// service account. Pure: the describer reports, this decides.
/// </summary>
public static class InstanceAgreement
{
    /// <summary>Vault's clock and the cloud's may differ a little; a pendingTime further ahead than this is forged or broken.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Before anything is described: a document from the future is refused without asking the cloud.</summary>
    public static void CheckDocumentTime(VerifiedDocument document, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.PendingTime > now + ClockSkew)
        {
            throw new Refused("identity document pendingTime is in the future");
        }
    }

    public static void Check(VerifiedDocument document, InstanceFacts instance)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.InstanceId != document.InstanceId)
        {
            throw new Refused("described instance id differs from the identity document");
        }
        if (instance.AccountId != document.AccountId)
        {
            throw new Refused("instance belongs to another account than the identity document");
        }
        if (instance.Region != document.Region
            || instance.AvailabilityZone is { } zone && !zone.StartsWith(document.Region, StringComparison.Ordinal))
        {
            throw new Refused("instance is in another region than the identity document");
        }
        if (instance.AvailabilityZone is { } described && document.AvailabilityZone is { } signed && described != signed)
        {
            throw new Refused("instance is in another zone than the identity document");
        }
        if (document.CloudProvider == CloudProviders.Gce)
        {
            CheckGce(document, instance);
        }
        else
        {
            CheckAws(document, instance);
        }
    }

    private static void CheckAws(VerifiedDocument document, InstanceFacts instance)
    {
        if (instance.ImageId != document.ImageId)
        {
            throw new Refused("instance image differs from the identity document");
        }
        if (instance.LaunchTime is { } launch && launch > document.PendingTime)
        {
            throw new Refused("identity document is older than the instance's last start");
        }
    }

    private static void CheckGce(VerifiedDocument document, InstanceFacts instance)
    {
        // An instance deleted and re-created under the same name gets a new creation time: a token of the old one
        // must not log in as the new one. Compute reports milliseconds, the token whole seconds.
        if (document.InstanceCreationTime is not { } created || instance.LaunchTime is not { } launched
            || created.ToUnixTimeSeconds() != launched.ToUnixTimeSeconds())
        {
            throw new Refused("instance creation time differs from the identity token");
        }
        if (document.ServiceAccountEmail is { } email && !instance.ServiceAccounts.Contains(email, StringComparer.Ordinal))
        {
            throw new Refused("the identity token's service account is not attached to the instance");
        }
    }
}
