using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Identity;

/// <summary>
/// An operator-supplied AWS public certificate (<c>config/certificate/&lt;name&gt;</c> <c>aws_public_cert</c>),
/// accepted as PEM, base64 of PEM (Vault's form) or base64 DER, and described for reading back.
/// </summary>
public sealed record CertificateDescription(byte[] Der, string Subject, string Serial, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>AWS certificates are about 1 KiB of DER; a bound keeps storage and parsing small.</summary>
    public const int MaxTextLength = 16 * 1024;

    private const string PemBegin = "-----BEGIN CERTIFICATE-----";

    /// <summary>RFC 3339 form of <see cref="NotBefore"/>.</summary>
    public string NotBeforeText => Rfc3339(NotBefore);

    /// <summary>RFC 3339 form of <see cref="NotAfter"/>.</summary>
    public string NotAfterText => Rfc3339(NotAfter);

    /// <exception cref="RequestException">BadRequest when the text is not one certificate with a DSA or RSA key.</exception>
    public static CertificateDescription Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxTextLength)
        {
            throw RequestException.BadRequest("aws_public_cert: larger than 16 KiB");
        }
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw RequestException.BadRequest("aws_public_cert: empty");
        }
        var der = trimmed.StartsWith(PemBegin, StringComparison.Ordinal) ? FromPem(trimmed) : FromBase64(trimmed);
        return Describe(der);
    }

    private static byte[] FromBase64(string text)
    {
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(RemoveWhitespace(text), buffer, out var written) || written == 0)
        {
            throw RequestException.BadRequest("aws_public_cert: neither PEM nor base64");
        }
        var decoded = buffer.AsSpan(0, written);
        // Vault stores base64 of the PEM text; anything else is taken as DER.
        var asText = Encoding.ASCII.GetString(decoded).Trim();
        return asText.StartsWith(PemBegin, StringComparison.Ordinal) ? FromPem(asText) : decoded.ToArray();
    }

    private static byte[] FromPem(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] != "CERTIFICATE")
        {
            throw RequestException.BadRequest("aws_public_cert: malformed PEM");
        }
        if (pem[fields.Location.End..].Contains(PemBegin, StringComparison.Ordinal))
        {
            throw RequestException.BadRequest("aws_public_cert: more than one certificate");
        }
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }

    private static CertificateDescription Describe(byte[] der)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            if (certificate.PublicKey.Oid.Value is not ("1.2.840.10040.4.1" or "1.2.840.113549.1.1.1"))
            {
                throw RequestException.BadRequest("aws_public_cert: key is neither DSA nor RSA");
            }
            return new CertificateDescription(
                certificate.RawData,
                certificate.Subject,
                SerialHex(certificate.SerialNumberBytes.Span),
                new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        }
        catch (CryptographicException)
        {
            throw RequestException.BadRequest("aws_public_cert: not an X.509 certificate");
        }
    }

    /// <summary>Without the sign octet DER adds to serials with the top bit set, as OpenSSL and AWS print them.</summary>
    private static string SerialHex(ReadOnlySpan<byte> serial)
    {
        while (serial.Length > 1 && serial[0] == 0)
        {
            serial = serial[1..];
        }
        return Convert.ToHexString(serial);
    }

    private static string RemoveWhitespace(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
