using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>
/// Certificates shaped like the ones the host side makes (docs/protocol.md §3.1, go-plugin <c>mtls.go</c>
/// <c>generateCert</c>): ECDSA P-521 signed with SHA-512, <c>CN=localhost, O=HashiCorp</c>, SAN localhost, CA=true,
/// serverAuth + clientAuth. Two calls give two different certificates with the same subject.
/// </summary>
internal static class GoPluginHostCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var request = new CertificateRequest("CN=localhost, O=HashiCorp", key, HashAlgorithmName.SHA512);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement | X509KeyUsageFlags.KeyCertSign,
            true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.2"), new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddSeconds(-30), now.AddHours(262980));
    }

    /// <summary>
    /// Vault's certificate for the v4 unwrap-token mode (<c>sdk/helper/pluginutil/tls.go</c>): P-521, CN = a random
    /// UUID that is also the only DNS SAN, no BasicConstraints extension, serverAuth + clientAuth.
    /// </summary>
    public static X509Certificate2 CreateWrapped(out byte[] sec1PrivateKey)
    {
        var name = Guid.NewGuid().ToString();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA512);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        sec1PrivateKey = key.ExportECPrivateKey();
        return request.CreateSelfSigned(now.AddSeconds(-30), now.AddHours(262980));
    }
}
