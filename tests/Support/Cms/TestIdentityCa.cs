using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace VaultEc2Auth.TestSupport.Cms;

/// <summary>
/// A stand-in for AWS's identity-document signer: self-signed DSA-1024 (pkcs7), RSA-2048 (rsa2048) and RSA-1024
/// (raw signature) certificates shaped like AWS's, and signing in the exact forms IMDS serves. Register its
/// certificates as operator certificates (or via <c>config/certificate</c> using the PEM properties).
/// </summary>
public sealed class TestIdentityCa : IDisposable
{
    private readonly DSA _dsa;
    private readonly RSA _rsa2048;
    private readonly RSA _rsa1024;

    private TestIdentityCa(DateTimeOffset notBefore, DateTimeOffset notAfter, string organizationalUnit)
    {
        var subject = new X500DistinguishedName(
            $"C=US, S=Washington State, L=Seattle, O=Amazon Web Services LLC, OU={organizationalUnit}");
        _dsa = DSA.Create(1024);
        _rsa2048 = RSA.Create(2048);
        _rsa1024 = RSA.Create(1024);
        DsaCertificate = CreateDsaCertificate(subject, notBefore, notAfter);
        Rsa2048Certificate = CreateRsaCertificate(_rsa2048, subject, notBefore, notAfter);
        Rsa1024Certificate = CreateRsaCertificate(_rsa1024, subject, notBefore, notAfter);
    }

    /// <summary>Validity like AWS's default DSA certificate (2012 → 2038) unless given.</summary>
    public static TestIdentityCa Create(DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string organizationalUnit = "Test Identity CA") =>
        new(notBefore ?? new DateTimeOffset(2012, 1, 5, 12, 56, 12, TimeSpan.Zero),
            notAfter ?? new DateTimeOffset(2038, 1, 5, 12, 56, 12, TimeSpan.Zero),
            organizationalUnit);

    public X509Certificate2 DsaCertificate { get; }
    public X509Certificate2 Rsa2048Certificate { get; }
    public X509Certificate2 Rsa1024Certificate { get; }

    public string DsaCertificatePem => DsaCertificate.ExportCertificatePem();
    public string Rsa2048CertificatePem => Rsa2048Certificate.ExportCertificatePem();
    public string Rsa1024CertificatePem => Rsa1024Certificate.ExportCertificatePem();

    /// <summary>A document in AWS's current layout (version 2017-09-30, two-space indent, no trailing newline).</summary>
    public static string BuildDocument(
        string instanceId = "i-0123456789abcdef0",
        string accountId = "123456789012",
        string region = "us-east-1",
        string imageId = "ami-0abcdef1234567890",
        DateTimeOffset? pendingTime = null,
        string? availabilityZone = null,
        string instanceType = "t3.micro",
        string privateIp = "10.0.1.25",
        string architecture = "x86_64")
    {
        var pending = (pendingTime ?? new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero))
            .UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return "{\n" +
            $"  \"accountId\" : \"{accountId}\",\n" +
            $"  \"architecture\" : \"{architecture}\",\n" +
            $"  \"availabilityZone\" : \"{availabilityZone ?? region + "a"}\",\n" +
            "  \"billingProducts\" : null,\n" +
            "  \"devpayProductCodes\" : null,\n" +
            "  \"marketplaceProductCodes\" : null,\n" +
            $"  \"imageId\" : \"{imageId}\",\n" +
            $"  \"instanceId\" : \"{instanceId}\",\n" +
            $"  \"instanceType\" : \"{instanceType}\",\n" +
            "  \"kernelId\" : null,\n" +
            $"  \"pendingTime\" : \"{pending}\",\n" +
            $"  \"privateIp\" : \"{privateIp}\",\n" +
            "  \"ramdiskId\" : null,\n" +
            $"  \"region\" : \"{region}\",\n" +
            "  \"version\" : \"2017-09-30\"\n" +
            "}";
    }

    /// <summary>The <c>/pkcs7</c> body: DSA with SHA-1.</summary>
    public string SignPkcs7Dsa(string document, Pkcs7Options? options = null) =>
        Wrap(CmsSignedDataWriter.Write(Encoding.UTF8.GetBytes(document), DsaCertificate, _dsa, options ?? new Pkcs7Options()), options);

    /// <summary>The <c>/rsa2048</c> body: RSA-2048 with SHA-256.</summary>
    public string SignRsa2048(string document, Pkcs7Options? options = null) =>
        Wrap(CmsSignedDataWriter.Write(Encoding.UTF8.GetBytes(document), Rsa2048Certificate, _rsa2048, options ?? new Pkcs7Options()), options);

    /// <summary>The <c>identity</c> (base64 document) and <c>/signature</c> (RSA-1024 SHA-256 PKCS#1) pair.</summary>
    public (string Identity, string Signature) SignRaw(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        var signature = _rsa1024.SignData(bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return (Convert.ToBase64String(bytes), LineWrap(Convert.ToBase64String(signature), 76));
    }

    public static string WithPemArmour(string base64Body) =>
        "-----BEGIN PKCS7-----\n" + base64Body + "\n-----END PKCS7-----\n";

    public void Dispose()
    {
        DsaCertificate.Dispose();
        Rsa2048Certificate.Dispose();
        Rsa1024Certificate.Dispose();
        _dsa.Dispose();
        _rsa2048.Dispose();
        _rsa1024.Dispose();
    }

    private X509Certificate2 CreateDsaCertificate(X500DistinguishedName subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var generator = new DsaCertificateSignature(_dsa);
        var request = new CertificateRequest(subject, generator.PublicKey, HashAlgorithmName.SHA1);
        return request.Create(subject, generator, notBefore, notAfter, RandomSerial());
    }

    private static X509Certificate2 CreateRsaCertificate(RSA key, X500DistinguishedName subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.Create(subject, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1), notBefore, notAfter, RandomSerial());
    }

    private static byte[] RandomSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x10);
        return serial;
    }

    private static string Wrap(byte[] encoded, Pkcs7Options? options)
    {
        var lineLength = (options ?? new Pkcs7Options()).Base64LineLength;
        return LineWrap(Convert.ToBase64String(encoded), lineLength);
    }

    private static string LineWrap(string base64, int lineLength)
    {
        if (lineLength <= 0)
        {
            return base64;
        }
        var builder = new StringBuilder();
        for (var i = 0; i < base64.Length; i += lineLength)
        {
            if (i > 0)
            {
                builder.Append('\n');
            }
            builder.Append(base64.AsSpan(i, Math.Min(lineLength, base64.Length - i)));
        }
        return builder.ToString();
    }
}
