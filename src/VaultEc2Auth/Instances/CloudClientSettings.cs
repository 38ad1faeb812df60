namespace VaultEc2Auth.Instances;

/// <summary>
/// The <c>config/client</c> settings the cloud adapters use. <see cref="SecretKey"/> is a secret: never
/// returned on read, never logged, never put into an error message.
/// </summary>
public sealed record CloudClientSettings(
    string CloudProvider,
    string? AccessKey,
    string? SecretKey,
    string? Region,
    string? Ec2Endpoint,
    string? IamEndpoint,
    string? StsEndpoint,
    int MaxRetries)
{
    public const int DefaultMaxRetries = -1;

    /// <summary>Region STS AssumeRole is signed for (and whose endpoint is used without sts_endpoint); empty: the API region.</summary>
    public string? StsRegion { get; init; }

    /// <summary>GCE: a service-account JSON key (a secret); null: the metadata server's credentials.</summary>
    public string? GceCredentials { get; init; }

    /// <summary>GCE: the project instances log in from (when the key does not name it).</summary>
    public string? GceProject { get; init; }

    /// <summary>GCE: the <c>aud</c> every identity token must carry.</summary>
    public string? GceAudience { get; init; }

    /// <summary>GCE: base URL overriding the Compute Engine API (tests).</summary>
    public string? GceComputeEndpoint { get; init; }

    /// <summary>GCE: URL overriding Google's signing certificates (tests).</summary>
    public string? GceCertsEndpoint { get; init; }

    public static CloudClientSettings Default { get; } =
        new("aws", null, null, null, null, null, null, DefaultMaxRetries);

    /// <summary>The secret must never leak through a log line or a debugger's record printer.</summary>
    public override string ToString() =>
        $"CloudClientSettings {{ CloudProvider = {CloudProvider}, AccessKey = {AccessKey}, SecretKey = {(SecretKey is null ? "null" : "(hidden)")}, Region = {Region}, GceCredentials = {(GceCredentials is null ? "null" : "(hidden)")}, GceProject = {GceProject} }}";
}
