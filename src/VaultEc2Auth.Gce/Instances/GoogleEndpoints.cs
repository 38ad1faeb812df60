using VaultEc2Auth.Failures;

namespace VaultEc2Auth.Gce.Instances;

/// <summary>An endpoint override from config/client (<c>gce_certs_endpoint</c>, <c>gce_compute_endpoint</c>), or Google's default.</summary>
internal static class GoogleEndpoints
{
    /// <summary>Throws NotConfigured naming <paramref name="field"/> when the override is not an absolute http(s) URL.</summary>
    public static Uri Resolve(string? configured, string defaultUri, string field, Upstream upstream)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return new Uri(defaultUri);
        }
        if (Uri.TryCreate(configured, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }
        throw new UpstreamFailure(upstream, UpstreamProblem.NotConfigured, $"{UpstreamFailure.NameOf(upstream)}: config/client {field} is not an absolute http(s) URL");
    }
}
