namespace VaultEc2Auth.Templates;

/// <summary>
/// The per-instance values a template may read. <see cref="Fqdn"/>, <see cref="InternalIPv4"/> and
/// <see cref="Tags"/> come from whoever can name or tag the instance: they are raw here and are checked against
/// strict patterns by the renderer when (and only when) a template reads them.
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
    IReadOnlyDictionary<string, string> Tags);
