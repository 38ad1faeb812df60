using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Identity;

/// <summary>
/// Verifies a GCE instance identity token (the metadata server's <c>identity?format=full</c> JWT): RS256 only,
/// signed by one of Google's published keys chosen by <c>kid</c>, <c>aud</c> equal to <c>gce_audience</c>, Google's
/// issuer, not expired (small skew), and the <c>google.compute_engine</c> claims present and well-formed.
/// </summary>
public interface IGceIdentityTokenVerifier
{
    /// <summary>
    /// Returns the verified identity with <see cref="VerifiedDocument.CloudProvider"/> <c>gce</c>. Throws
    /// <see cref="Failures.InvalidInput"/> for any bad or forged token (a short reason, never the token), and
    /// <see cref="Failures.UpstreamFailure"/> (<see cref="Failures.Upstream.GoogleCerts"/>) when the signing keys
    /// cannot be fetched.
    /// </summary>
    Task<VerifiedDocument> VerifyAsync(string jwt, CloudClientSettings settings, CancellationToken cancellationToken);
}
