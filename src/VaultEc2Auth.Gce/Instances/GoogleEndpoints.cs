using VaultEc2Auth.Config;
using VaultEc2Auth.Failures;

namespace VaultEc2Auth.Gce.Instances;

/// <summary>An endpoint override from config/client (<c>gce_certs_endpoint</c>, <c>gce_compute_endpoint</c>), or Google's default.</summary>
internal static class GoogleEndpoints
{
    /// <summary>Throws NotConfigured naming <paramref name="field"/> when the override breaks <see cref="GoogleEndpointUrl"/>.</summary>
    public static Uri Resolve(string? configured, string defaultUri, string field, Upstream upstream)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return new Uri(defaultUri);
        }
        if (GoogleEndpointUrl.TryParse(configured, out var uri))
        {
            return uri;
        }
        throw new UpstreamFailure(upstream, UpstreamProblem.NotConfigured, $"{UpstreamFailure.NameOf(upstream)}: config/client {field} is not {GoogleEndpointUrl.Requirement}");
    }
}
