using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VaultEc2Auth.Config;
using VaultEc2Auth.Failures;

namespace VaultEc2Auth.Gce.Instances;

/// <summary>
/// config/client's <c>gce_credentials</c>: a service-account JSON key. It is a secret: no error, log line or
/// ToString carries any of it; a malformed key is a configuration problem named by the field, never quoted.
/// </summary>
internal sealed class ServiceAccountKey
{
    /// <summary>Where Google's keys send their assertion when <c>token_uri</c> is absent.</summary>
    public const string DefaultTokenUri = "https://oauth2.googleapis.com/token";

    /// <summary>A key file is about 2.3 KiB.</summary>
    public const int MaxLength = 16 * 1024;

    private ServiceAccountKey(string clientEmail, string privateKeyPem, string privateKeyId, Uri tokenUri)
    {
        ClientEmail = clientEmail;
        PrivateKeyPem = privateKeyPem;
        PrivateKeyId = privateKeyId;
        TokenUri = tokenUri;
    }

    public string ClientEmail { get; }

    public string PrivateKeyPem { get; }

    public string PrivateKeyId { get; }

    public Uri TokenUri { get; }

    public override string ToString() => $"ServiceAccountKey {{ ClientEmail = {ClientEmail}, PrivateKey = (hidden) }}";

    public static ServiceAccountKey Parse(string json)
    {
        if (json.Length > MaxLength)
        {
            throw Unusable($"is longer than {MaxLength} characters");
        }
        ServiceAccountKeyJson? key;
        try
        {
            key = JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), ComputeJsonContext.Default.ServiceAccountKeyJson);
        }
        catch (JsonException)
        {
            throw Unusable("is not a JSON object");
        }
        if (key is null)
        {
            throw Unusable("is not a JSON object");
        }
        if (key.Type is not (null or "service_account"))
        {
            throw Unusable("is not a service-account key (type is not service_account)");
        }
        if (!GceIdentifierRules.IsValidServiceAccountEmail(key.ClientEmail))
        {
            throw Unusable("has no valid client_email");
        }
        if (key.PrivateKeyId is not { Length: > 0 and <= 128 } keyId || !keyId.All(char.IsAsciiLetterOrDigit))
        {
            throw Unusable("has no valid private_key_id");
        }
        if (string.IsNullOrEmpty(key.PrivateKey))
        {
            throw Unusable("has no private_key");
        }
        using (var probe = ImportPrivateKey(key.PrivateKey))
        {
            if (probe.KeySize < 2048)
            {
                throw Unusable("private_key is shorter than 2048 bits");
            }
        }
        return new ServiceAccountKey(key.ClientEmail!, key.PrivateKey, keyId, TokenUriOf(key.TokenUri));
    }

    /// <summary>The key as an RSA signer; the caller disposes it.</summary>
    public RSA CreateSigner() => ImportPrivateKey(PrivateKeyPem);

    private static RSA ImportPrivateKey(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception error) when (error is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw Unusable("private_key is not a PEM RSA private key");
        }
    }

    /// <summary>https, or http to a loopback address (a local fake): the assertion must not cross a network in clear.</summary>
    private static Uri TokenUriOf(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new Uri(DefaultTokenUri);
        }
        if (!GoogleEndpointUrl.TryParse(value, out var uri))
        {
            throw Unusable("token_uri is not an https URL");
        }
        return uri;
    }

    private static UpstreamFailure Unusable(string why) =>
        new(Upstream.GoogleOAuth, UpstreamProblem.NotConfigured, $"Google OAuth2: config/client gce_credentials {why}");
}
