using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// The ephemeral certificate for go-plugin's AutoMTLS (docs/protocol.md §3.2): self-signed, DNS SAN <c>localhost</c>,
/// serverAuth + clientAuth (it is also our client certificate on the broker dial-back), valid from 30 s ago,
/// positive serial. P-256 because Go accepts it and it is several times cheaper to make and use than P-521.
/// </summary>
internal static class AutoMtlsCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=HashiCorp", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        var now = DateTimeOffset.UtcNow;
        return request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now.AddSeconds(-30), now.AddYears(30), serial)
            .CopyWithPrivateKey(key);
    }

    /// <summary>Handshake field 6: standard base64 of the DER without '=' padding (Go's RawStdEncoding).</summary>
    public static string HandshakeEncoding(X509Certificate2 certificate) =>
        Convert.ToBase64String(certificate.RawData).TrimEnd('=');

    public static X509Certificate2 ParseHostCertificate(string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException exception)
        {
            throw new PluginStartupException("PLUGIN_CLIENT_CERT is not a PEM certificate", exception);
        }
    }
}
