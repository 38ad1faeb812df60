namespace VaultEc2Auth.Failures;

/// <summary>A service the plugin depends on; its name leads every message about its failure.</summary>
public enum Upstream
{
    Ec2,
    Iam,
    Sts,
    Vault,

    /// <summary>Google's published signing certificates for instance identity tokens.</summary>
    GoogleCerts,

    /// <summary>Google's OAuth2 token endpoint (the service-account key's <c>token_uri</c>) or the metadata server's token.</summary>
    GoogleOAuth,

    /// <summary>The Compute Engine API (<c>instances.get</c>).</summary>
    Compute,
}

/// <summary>What went wrong with an upstream, in the terms an operator acts on.</summary>
public enum UpstreamProblem
{
    /// <summary>No connection, or no answer in time: worth retrying later.</summary>
    Unavailable,

    /// <summary>It answered with an error, or without what it must return.</summary>
    Failed,

    /// <summary>The plugin has no configuration for it (e.g. no <c>config/vault</c>).</summary>
    NotConfigured,

    /// <summary>Vault: the writer's token no longer exists (revoked).</summary>
    WriterTokenRevoked,

    /// <summary>Vault: the writer's token reached the end of its TTL.</summary>
    WriterTokenExpired,

    /// <summary>Vault: the writer's token exists but its policy does not allow the operation.</summary>
    WriterTokenLacksPermission,

    /// <summary>Vault refused what the plugin rendered (e.g. a policy it cannot parse).</summary>
    Refused,
}
