namespace VaultEc2Auth.Failures;

/// <summary>
/// A dependency failed: never the caller's fault, so never a 4xx. <see cref="Exception.Message"/> names the upstream
/// and what happened, and is what an unauthenticated caller sees; <see cref="Detail"/> adds the operation, the
/// address and the upstream's own words for the log and for authenticated operators (never a token).
/// </summary>
public sealed class UpstreamFailure(Upstream upstream, UpstreamProblem problem, string message, string? detail = null, Exception? inner = null)
    : DomainFailure(message, inner)
{
    public Upstream Upstream { get; } = upstream;

    public UpstreamProblem Problem { get; } = problem;

    /// <summary>The full account; equals <see cref="Exception.Message"/> when there is nothing more to say.</summary>
    public string Detail { get; } = string.IsNullOrEmpty(detail) ? message : detail;

    /// <summary>How operators and messages spell each upstream.</summary>
    public static string NameOf(Upstream upstream) => upstream switch
    {
        Upstream.Ec2 => "EC2",
        Upstream.Iam => "IAM",
        Upstream.Sts => "STS",
        Upstream.GoogleCerts => "Google certificates",
        Upstream.GoogleOAuth => "Google OAuth2",
        Upstream.Compute => "Compute Engine",
        _ => "Vault",
    };
}
