using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.TestSupport.Gce;

/// <summary>A service-account JSON key as the Cloud console downloads it, with a fresh RSA key, for the fake token endpoint to check assertions against.</summary>
public sealed class TestServiceAccountKey : IDisposable
{
    private TestServiceAccountKey(RSA key, string keyId, string clientEmail, Uri tokenUri)
    {
        Key = key;
        KeyId = keyId;
        ClientEmail = clientEmail;
        TokenUri = tokenUri;
        Json = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "test-project-1",
            ["private_key_id"] = keyId,
            ["private_key"] = key.ExportPkcs8PrivateKeyPem() + "\n",
            ["client_email"] = clientEmail,
            ["client_id"] = "109422233875895820585",
            ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
            ["token_uri"] = tokenUri.AbsoluteUri,
            ["auth_provider_x509_cert_url"] = "https://www.googleapis.com/oauth2/v1/certs",
        }.ToJsonString();
    }

    public RSA Key { get; }

    public string KeyId { get; }

    public string ClientEmail { get; }

    public Uri TokenUri { get; }

    /// <summary>The key file's text: what an operator writes to <c>gce_credentials</c>.</summary>
    public string Json { get; }

    public static TestServiceAccountKey Create(Uri tokenUri, string clientEmail = "vault-describer@test-project-1.iam.gserviceaccount.com") =>
        new(TestRsaKeys.Create(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), clientEmail, tokenUri);

    public void Dispose() => Key.Dispose();
}
