using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>
/// An AWS public certificate reduced to what verification needs: how a SignerInfo names it (issuer + serial),
/// its validity window (compared with the signing time, never with today) and its imported key.
/// </summary>
internal sealed class TrustedSigner
{
    private const string DsaOid = "1.2.840.10040.4.1";
    private const string RsaOid = "1.2.840.113549.1.1.1";

    private TrustedSigner(string signerId, DateTimeOffset notBefore, DateTimeOffset notAfter, PublicKeyPool key, string keyId)
    {
        SignerId = signerId;
        NotBefore = notBefore;
        NotAfter = notAfter;
        Key = key;
        KeyId = keyId;
    }

    /// <summary>Issuer DER + serial, hex: the PKCS#7 lookup key.</summary>
    public string SignerId { get; }

    public DateTimeOffset NotBefore { get; }

    public DateTimeOffset NotAfter { get; }

    public PublicKeyPool Key { get; }

    /// <summary>Only RSA keys make the raw identity signature.</summary>
    public bool IsRawCandidate => !Key.IsDsa;

    /// <summary>SHA-256 of the SubjectPublicKeyInfo: AWS re-issued certificates with unchanged keys.</summary>
    public string KeyId { get; }

    /// <summary>Returns null for a certificate whose key is neither DSA nor RSA.</summary>
    /// <exception cref="CryptographicException">The DER is not a certificate.</exception>
    public static TrustedSigner? FromDer(byte[] der)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        var algorithm = certificate.PublicKey.Oid.Value;
        if (algorithm is not (DsaOid or RsaOid))
        {
            return null;
        }
        var spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        return new TrustedSigner(
            IdOf(certificate.IssuerName.RawData, certificate.SerialNumberBytes.Span),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            new PublicKeyPool(spki, algorithm == DsaOid),
            Convert.ToHexString(SHA256.HashData(spki)));
    }

    public static string IdOf(ReadOnlySpan<byte> issuerDer, ReadOnlySpan<byte> serial)
    {
        // Leading zero octets keep INTEGER positive; some encoders drop redundant ones, so compare without them.
        var trimmed = serial;
        while (trimmed.Length > 1 && trimmed[0] == 0)
        {
            trimmed = trimmed[1..];
        }
        return Convert.ToHexString(issuerDer) + "/" + Convert.ToHexString(trimmed);
    }
}
