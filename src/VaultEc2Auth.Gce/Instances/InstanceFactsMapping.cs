using System.Globalization;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Gce.Instances;

/// <summary>Compute's description of an instance as the domain's <see cref="InstanceFacts"/>, faithfully: agreement with the token is the domain's check.</summary>
internal static class InstanceFactsMapping
{
    public static InstanceFacts From(string project, string requestedZone, ComputeInstance instance)
    {
        if (string.IsNullOrEmpty(instance.Id))
        {
            throw new UpstreamFailure(Upstream.Compute, UpstreamProblem.Failed, "Compute Engine: instances.get answered without an instance id");
        }
        var zone = LastSegment(instance.Zone) ?? requestedZone;
        var name = EmptyAsNull(instance.Name);
        return new InstanceFacts(
            instance.Id,
            project,
            GceIdentifierRules.RegionOfZone(zone) ?? "",
            ComputeStatus.StateOf(instance.Status),
            IamInstanceProfileArn: null,
            IamRoleArn: null,
            // Not Compute's custom hostname: whoever creates the instance chooses it, unchecked, so it could name
            // another instance or any domain. The zonal name is built from what the token and Compute vouch for.
            PrivateDnsName: DefaultHostname(name, zone, project),
            PrivateIpv4: EmptyAsNull(instance.NetworkInterfaces?.FirstOrDefault()?.NetworkIp),
            VpcId: null,
            SubnetId: null,
            ImageId: "",
            InstanceType: null,
            AvailabilityZone: zone,
            LaunchTime: ParseTimestamp(instance.CreationTimestamp),
            Tags: new Dictionary<string, string>(StringComparer.Ordinal))
        {
            CloudProvider = CloudProviders.Gce,
            InstanceName = name,
            ServiceAccounts = [.. (instance.ServiceAccounts ?? []).Select(account => account.Email).OfType<string>().Where(email => email.Length > 0)],
            Labels = instance.Labels is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(instance.Labels, StringComparer.Ordinal),
        };
    }

    /// <summary>Zonal internal DNS (docs/gce.md "Hostname"): the name GCE's resolver gives an instance without a custom hostname.</summary>
    public static string? DefaultHostname(string? name, string zone, string project) =>
        name is null ? null : $"{name}.{zone}.c.{project}.internal";

    /// <summary>Compute names its zone by URL (<c>…/projects/p/zones/us-central1-a</c>).</summary>
    private static string? LastSegment(string? url) =>
        string.IsNullOrEmpty(url) ? null : url[(url.LastIndexOf('/') + 1)..] is { Length: > 0 } last ? last : null;

    /// <summary>RFC 3339 with an offset (<c>2023-06-11T06:44:41.312-07:00</c>), as UTC; null when absent or unreadable.</summary>
    private static DateTimeOffset? ParseTimestamp(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed.ToUniversalTime() : null;

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
