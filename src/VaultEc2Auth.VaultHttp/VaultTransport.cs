using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp;

/// <summary>
/// Builds the HttpClient for one <c>config/vault</c>: checks every setting first (they come from an operator's
/// write and end up in headers and TLS), then sets up TLS trust the way Vault's own client does.
/// </summary>
internal static partial class VaultTransport
{
    /// <summary>Every address of <c>config/vault</c> as the base of its API (<c>.../v1/</c>), in the order written.</summary>
    public static IReadOnlyList<Uri> ParseAddresses(string addresses) =>
        [.. VaultAddressList.Split(addresses).Select(ParseAddress)];

    public static HttpClient Create(VaultConnectionSettings settings, VaultHttpOptions options)
    {
        CheckToken(settings.Token);
        CheckNamespace(settings.Namespace);
        CheckServerName(settings.TlsServerName);
        var trust = settings.TlsSkipVerify ? null : TrustPolicy(settings.CaCertPem);

        var handler = new SocketsHttpHandler
        {
            // Recycle connections so a Vault behind changing DNS (HA failover) is found again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // A node that does not even accept a connection is skipped for the next address well before the request timeout.
            ConnectTimeout = options.ConnectTimeout < options.RequestTimeout ? options.ConnectTimeout : options.RequestTimeout,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        };
        if (settings.TlsSkipVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (trust is not null)
        {
            handler.SslOptions.CertificateChainPolicy = trust;
        }

        var client = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = options.RequestTimeout,
            MaxResponseContentBufferSize = options.MaxResponseBytes,
        };
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Vault-Token", settings.Token);
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Vault-Request", "true");
        if (!string.IsNullOrEmpty(settings.Namespace))
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("X-Vault-Namespace", settings.Namespace);
        }

        return client;
    }

    private static Uri ParseAddress(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidInput("vault address must be an absolute http:// or https:// URL");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new InvalidInput("vault address must not carry user info, a query or a fragment");
        }
        // A path prefix (Vault behind a reverse proxy) is kept; the API lives below it at v1/.
        var prefix = uri.AbsolutePath.TrimEnd('/') + "/v1/";
        return new UriBuilder(uri.Scheme, uri.Host, uri.Port, prefix).Uri;
    }

    private static void CheckToken(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidInput("vault token is empty");
        }

        if (token.Length > 4096 || !VisibleAscii().IsMatch(token))
        {
            throw new InvalidInput("vault token must be at most 4096 visible ASCII characters");
        }
    }

    private static void CheckNamespace(string? ns)
    {
        if (!string.IsNullOrEmpty(ns) && !NamespacePattern().IsMatch(ns))
        {
            throw new InvalidInput("vault namespace must be up to 256 characters of A-Z, a-z, 0-9, '.', '_', '-', '/'");
        }
    }

    private static void CheckServerName(string? name)
    {
        if (!string.IsNullOrEmpty(name) && !ServerNamePattern().IsMatch(name))
        {
            throw new InvalidInput("vault tls_server_name must be a DNS name");
        }
    }

    /// <summary>Trust exactly the operator's CA bundle, not the system store, as Vault's own client does with ca_cert.</summary>
    private static X509ChainPolicy? TrustPolicy(string? caCertPem)
    {
        if (string.IsNullOrWhiteSpace(caCertPem))
        {
            return null;
        }

        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPem(caCertPem);
        }
        catch (CryptographicException e)
        {
            throw new InvalidInput($"vault ca_cert is not a valid PEM certificate bundle: {e.Message}");
        }
        if (bundle.Count == 0)
        {
            throw new InvalidInput("vault ca_cert contains no PEM certificate");
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(bundle);
        policy.ExtraStore.AddRange(bundle);
        return policy;
    }

    [GeneratedRegex("^[\\x21-\\x7E]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex VisibleAscii();

    [GeneratedRegex("^[A-Za-z0-9._/-]{1,256}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex("^(?=.{1,253}\\z)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ServerNamePattern();
}
