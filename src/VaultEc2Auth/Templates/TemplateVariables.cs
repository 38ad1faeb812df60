using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Templates;

/// <summary>
/// The per-instance values a template may read. <see cref="Fqdn"/>, <see cref="InternalIPv4"/> and
/// <see cref="Tags"/> come from whoever can name or tag the instance: they are raw here and are checked against
/// strict patterns by the renderer when (and only when) a template reads them. The instance ID, account, region
/// and zone are checked with <see cref="IdentifierRules"/>, the rules of the instance's provider.
/// </summary>
public sealed record TemplateVariables(
    string InstanceHash,
    string? Fqdn,
    string? InternalIPv4,
    string BasePath,
    string InstanceId,
    string AccountId,
    string Region,
    string? AvailabilityZone,
    string ImageId,
    string? InstanceType,
    string RoleName,
    string IamRoleArn,
    string IamRoleName,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>The identifier rules of the instance's provider (its adapter's).</summary>
    public required IInstanceIdentifierRules IdentifierRules { get; init; }

    /// <summary><c>aws</c> or <c>gce</c>: whose identifier rules the values are checked against.</summary>
    public string CloudProvider { get; init; } = Identity.CloudProviders.Aws;

    /// <summary>GCE: the project id (also <see cref="AccountId"/>).</summary>
    public string? ProjectId { get; init; }

    /// <summary>GCE: the zone (also <see cref="AvailabilityZone"/>).</summary>
    public string? Zone { get; init; }

    /// <summary>GCE: the instance name (owner-controlled: checked when read).</summary>
    public string? InstanceName { get; init; }

    /// <summary>GCE: the service account the instance logged in as.</summary>
    public string? ServiceAccount { get; init; }

    /// <summary>GCE: the instance's labels (owner-controlled: checked when read).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
