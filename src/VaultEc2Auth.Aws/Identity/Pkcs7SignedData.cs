using System.Formats.Asn1;
using VaultEc2Auth.Failures;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>
/// The parts of a CMS SignedData (RFC 5652) that identity verification needs, read with BER rules because IMDS
/// serves indefinite lengths. Embedded certificates and CRLs are skipped: they are never trusted.
/// </summary>
internal sealed class Pkcs7SignedData
{
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    internal const string DataOid = "1.2.840.113549.1.7.1";

    private Pkcs7SignedData(byte[] content, SignerInfoFields signer)
    {
        Content = content;
        Signer = signer;
    }

    public byte[] Content { get; }

    public SignerInfoFields Signer { get; }

    public static Pkcs7SignedData Parse(byte[] encoded)
    {
        BerNestingGuard.Check(encoded);
        try
        {
            var outer = new AsnReader(encoded, AsnEncodingRules.BER);
            var contentInfo = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            if (contentInfo.ReadObjectIdentifier() != SignedDataOid)
            {
                throw new InvalidInput("pkcs7: not signedData");
            }
            var explicitContent = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
            contentInfo.ThrowIfNotEmpty();
            var signedData = explicitContent.ReadSequence();
            explicitContent.ThrowIfNotEmpty();
            return ReadSignedData(signedData);
        }
        catch (AsnContentException)
        {
            throw new InvalidInput("pkcs7: not a PKCS#7 structure");
        }
    }

    private static Pkcs7SignedData ReadSignedData(AsnReader signedData)
    {
        signedData.ReadInteger();
        signedData.ReadSetOf();
        var content = ReadEncapsulatedContent(signedData.ReadSequence());
        var certificatesTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(certificatesTag))
        {
            signedData.ReadEncodedValue();
        }
        var crlsTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(crlsTag))
        {
            signedData.ReadEncodedValue();
        }
        var signerInfos = signedData.ReadSetOf();
        signedData.ThrowIfNotEmpty();
        if (!signerInfos.HasData)
        {
            throw new InvalidInput("pkcs7: no signer");
        }
        var signer = SignerInfoFields.Read(signerInfos.ReadSequence());
        if (signerInfos.HasData)
        {
            throw new InvalidInput("pkcs7: more than one signer");
        }
        return new Pkcs7SignedData(content, signer);
    }

    private static byte[] ReadEncapsulatedContent(AsnReader encapsulated)
    {
        if (encapsulated.ReadObjectIdentifier() != DataOid)
        {
            throw new InvalidInput("pkcs7: content type is not data");
        }
        if (!encapsulated.HasData)
        {
            throw new InvalidInput("pkcs7: no attached content");
        }
        var explicitContent = encapsulated.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
        encapsulated.ThrowIfNotEmpty();
        var content = explicitContent.ReadOctetString();
        explicitContent.ThrowIfNotEmpty();
        if (content.Length == 0)
        {
            throw new InvalidInput("pkcs7: no attached content");
        }
        return content;
    }
}
