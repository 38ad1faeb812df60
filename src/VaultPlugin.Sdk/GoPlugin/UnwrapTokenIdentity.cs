using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// Protocol 3/4 without AutoMTLS (docs/protocol.md §1.4): unwrap the TLS certificate and SEC1 key Vault wrapped for this
/// process. Any failure ends the process; serving plaintext instead would hang a real Vault dialing us.
/// </summary>
internal static class UnwrapTokenIdentity
{
    private const int MaxResponseBytes = 64 * 1024;

    public static async Task<TransportIdentity> FetchAsync(string token, PluginArguments arguments, CancellationToken cancellationToken)
    {
        var address = ReadAddressClaim(token);
        using var handler = CreateHandler(arguments);
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30), MaxResponseContentBufferSize = MaxResponseBytes };
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(new Uri(address.TrimEnd('/') + "/"), "v1/sys/wrapping/unwrap"));
        request.Headers.Add("X-Vault-Token", token);
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new PluginStartupException($"cannot reach Vault at {address} to unwrap the plugin's TLS certificate: {exception.Message}", exception);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new PluginStartupException($"Vault refused to unwrap the plugin's TLS certificate: HTTP {(int)response.StatusCode}");
            }

            return ParseWrappedCertificate(body);
        }
    }

    /// <summary>
    /// Reads only the <c>addr</c> claim without checking the signature, as Vault's Go SDK does: Vault 0.10's tokens
    /// differ from modern ones in every other claim and in the signature encoding.
    /// </summary>
    public static string ReadAddressClaim(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new PluginStartupException("VAULT_UNWRAP_TOKEN is not a JWT");
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("addr", out var addr) &&
                addr.ValueKind == JsonValueKind.String &&
                !string.IsNullOrEmpty(addr.GetString()))
            {
                return addr.GetString()!;
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new PluginStartupException("VAULT_UNWRAP_TOKEN has an unreadable payload", exception);
        }

        throw new PluginStartupException("no vault api_addr found: set api_addr in Vault's configuration so plugins can unwrap their TLS certificate");
    }

    internal static TransportIdentity ParseWrappedCertificate(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var data = document.RootElement.GetProperty("data");
            var certificateDer = Convert.FromBase64String(data.GetProperty("ServerCert").GetString() ?? "");
            var keyDer = Convert.FromBase64String(data.GetProperty("ServerKey").GetString() ?? "");
            using var key = ECDsa.Create();
            key.ImportECPrivateKey(keyDer, out _);
            using var publicOnly = X509CertificateLoader.LoadCertificate(certificateDer);
            var certificate = publicOnly.CopyWithPrivateKey(key);
            var serverName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            return new TransportIdentity(certificate, X509CertificateLoader.LoadCertificate(certificateDer), serverName, AnnounceCertificate: false);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException
                                              or FormatException or CryptographicException)
        {
            throw new PluginStartupException("Vault's unwrap response did not hold a usable certificate and key", exception);
        }
    }

    private static SocketsHttpHandler CreateHandler(PluginArguments arguments)
    {
        var handler = new SocketsHttpHandler { UseProxy = false };
        var trusted = LoadTrustedCertificates(arguments);
        if (!arguments.TlsSkipVerify && trusted.Count == 0 && arguments.TlsServerName is null)
        {
            return handler;
        }

        handler.SslOptions = new SslClientAuthenticationOptions
        {
            TargetHost = arguments.TlsServerName,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                arguments.TlsSkipVerify || (certificate is not null && trusted.Count > 0
                    ? ChainsTo(new X509Certificate2(certificate), trusted, errors)
                    : errors == SslPolicyErrors.None),
        };
        return handler;
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection trusted, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static X509Certificate2Collection LoadTrustedCertificates(PluginArguments arguments)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            if (arguments.CaCert is not null)
            {
                collection.ImportFromPemFile(arguments.CaCert);
            }

            if (arguments.CaPath is not null)
            {
                foreach (var file in Directory.EnumerateFiles(arguments.CaPath))
                {
                    collection.ImportFromPemFile(file);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new PluginStartupException("cannot read the CA certificates given with -ca-cert/-ca-path", exception);
        }

        return collection;
    }
}
