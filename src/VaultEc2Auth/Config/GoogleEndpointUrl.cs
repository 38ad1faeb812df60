namespace VaultEc2Auth.Config;

/// <summary>
/// The one rule for where the GCE provider sends tokens and takes signing keys from (<c>gce_compute_endpoint</c>,
/// <c>gce_certs_endpoint</c>, a key's <c>token_uri</c>): https, or plain http only to a loopback address (a local
/// fake), so neither an access token nor a signed assertion crosses a network in clear and no one on the path can
/// swap Google's keys.
/// </summary>
public static class GoogleEndpointUrl
{
    public const string Requirement = "an absolute https URL (http only to a loopback address)";

    public static bool TryParse(string? text, out Uri uri)
    {
        uri = null!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            || !(parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback))
            || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return false;
        }

        uri = parsed;
        return true;
    }
}
