using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VaultEc2Auth.TestSupport;

/// <summary>A throwaway CA and a server certificate it signed, for serving the fake Vault over HTTPS.</summary>
public sealed class VaultTestCertificates : IDisposable
{
    private VaultTestCertificates(X509Certificate2 ca, X509Certificate2 server)
    {
        Ca = ca;
        Server = server;
    }

    public X509Certificate2 Ca { get; }

    /// <summary>Carries its private key; hand it to <see cref="FakeVaultServer"/>.</summary>
    public X509Certificate2 Server { get; }

    public string CaPem => Ca.ExportCertificatePem();

    /// <summary>A CA named <paramref name="caName"/> and a server certificate valid for <paramref name="dnsName"/> only.</summary>
    public static VaultTestCertificates Create(string dnsName, string caName = "Fake Vault Test CA")
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var caWithKey = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN={dnsName}", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caWithKey, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var serverPublic = serverRequest.Create(caWithKey, now.AddDays(-1), now.AddDays(29), serial);
        using var serverWithKey = serverPublic.CopyWithPrivateKey(serverKey);

        // Round-trip through PKCS#12 so the key is a persisted one that SslStream accepts on every platform.
        var server = X509CertificateLoader.LoadPkcs12(serverWithKey.Export(X509ContentType.Pkcs12), null);
        var ca = X509CertificateLoader.LoadCertificate(caWithKey.RawData);
        return new VaultTestCertificates(ca, server);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
    }
}
