using System.Formats.Asn1;
using VaultEc2Auth.Failures;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>The CMS signed attributes identity verification relies on; each may appear at most once.</summary>
internal readonly record struct SignedAttributes(byte[] MessageDigest, DateTimeOffset SigningTime, string? ProtectedDigestOid)
{
    private const string ContentTypeOid = "1.2.840.113549.1.9.3";
    private const string MessageDigestOid = "1.2.840.113549.1.9.4";
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";
    private const string AlgorithmProtectionOid = "1.2.840.113549.1.9.52";

    public static SignedAttributes Read(byte[] setOfDer)
    {
        try
        {
            return ReadSet(new AsnReader(setOfDer, AsnEncodingRules.BER).ReadSetOf(skipSortOrderValidation: true));
        }
        catch (AsnContentException)
        {
            throw new InvalidInput("pkcs7: malformed signed attributes");
        }
    }

    private static SignedAttributes ReadSet(AsnReader set)
    {
        string? contentType = null;
        byte[]? digest = null;
        DateTimeOffset? signingTime = null;
        string? protectedDigest = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (set.HasData)
        {
            var attribute = set.ReadSequence();
            var type = attribute.ReadObjectIdentifier();
            if (!seen.Add(type))
            {
                throw new InvalidInput("pkcs7: repeated signed attribute");
            }
            var values = attribute.ReadSetOf(skipSortOrderValidation: true);
            attribute.ThrowIfNotEmpty();
            switch (type)
            {
                case ContentTypeOid:
                    contentType = values.ReadObjectIdentifier();
                    break;
                case MessageDigestOid:
                    digest = values.ReadOctetString();
                    break;
                case SigningTimeOid:
                    signingTime = values.PeekTag() == Asn1Tag.UtcTime ? values.ReadUtcTime() : values.ReadGeneralizedTime();
                    break;
                case AlgorithmProtectionOid:
                    var protection = values.ReadSequence();
                    protectedDigest = protection.ReadSequence().ReadObjectIdentifier();
                    break;
                default:
                    continue;
            }
            values.ThrowIfNotEmpty();
        }
        if (contentType != Pkcs7SignedData.DataOid)
        {
            throw new InvalidInput("pkcs7: signed content type is not data");
        }
        if (digest is null)
        {
            throw new InvalidInput("pkcs7: no message digest attribute");
        }
        if (signingTime is null)
        {
            throw new InvalidInput("pkcs7: no signing time attribute");
        }
        return new SignedAttributes(digest, signingTime.Value, protectedDigest);
    }
}
