using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// The listener's TLS for AutoMTLS and unwrap mode: our certificate, TLS 1.2+, the host's certificate required and
/// accepted only by exact match. Built per connection so that each SslStream can be told the pinned peer first.
/// </summary>
internal static class PluginTls
{
    public static TlsHandshakeCallbackOptions ServerOptions(TransportIdentity identity)
    {
        var context = SystemStoreFreeTls.OwnCertificateContext(identity.ServerCertificate!);
        var pinned = identity.PinnedPeerCertificate!;
        return new TlsHandshakeCallbackOptions
        {
            OnConnection = connection =>
            {
                SystemStoreFreeTls.ExpectPeer(connection.SslStream, pinned);
                return ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = context,
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => identity.IsPinnedPeer(certificate as X509Certificate2),
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    ApplicationProtocols = [SslApplicationProtocol.Http2],
                    AllowRenegotiation = false,
                });
            },
        };
    }
}
