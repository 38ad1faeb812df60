using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VaultEc2Auth.TestSupport;

/// <summary>Self-signed certificates shaped like AWS's public ones, for registering in tests.</summary>
public static class TestCertificates
{
    /// <summary>A self-signed RSA certificate shaped like AWS's public ones, for registering in tests.</summary>
    public static X509Certificate2 CreateTestCertificate(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var withKey = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }
}
