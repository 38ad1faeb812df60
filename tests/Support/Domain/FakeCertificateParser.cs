using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Sdk.Framework;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// Reads certificates the way the contract describes (PEM, base64 of PEM, base64 DER) with .NET's X.509 loader,
/// standing in for the AWS adapter's parser; anything else is BadRequest.
/// </summary>
public sealed class FakeCertificateParser : ICertificateParser
{
    public CertificateDescription Parse(string text)
    {
        try
        {
            using var certificate = Load(text.Trim());
            return new CertificateDescription(certificate.RawData, certificate.Subject, certificate.SerialNumber.ToLowerInvariant(),
                certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or ArgumentException)
        {
            throw RequestException.BadRequest("aws_public_cert is not a PEM or base64 DER certificate");
        }
    }

    /// <summary>A self-signed RSA certificate shaped like AWS's public ones, for registering in tests.</summary>
    public static X509Certificate2 CreateTestCertificate(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var withKey = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }

    private static X509Certificate2 Load(string text)
    {
        if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return X509Certificate2.CreateFromPem(text);
        }

        var bytes = Convert.FromBase64String(text);
        var decoded = Encoding.ASCII.GetString(bytes);
        return decoded.StartsWith("-----BEGIN", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(decoded)
            : X509CertificateLoader.LoadCertificate(bytes);
    }
}
