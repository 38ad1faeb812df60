using System.Formats.Asn1;
using VaultEc2Auth.Failures;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>One CMS SignerInfo identified by issuerAndSerialNumber, with its signed attributes kept as DER.</summary>
internal sealed class SignerInfoFields
{
    private SignerInfoFields(
        byte[] issuer, byte[] serial, string digestOid, byte[] signedAttributesDer, string signatureOid, byte[] signature)
    {
        Issuer = issuer;
        Serial = serial;
        DigestOid = digestOid;
        SignedAttributesDer = signedAttributesDer;
        SignatureOid = signatureOid;
        Signature = signature;
    }

    /// <summary>The issuer Name exactly as encoded in the SignerInfo.</summary>
    public byte[] Issuer { get; }

    /// <summary>Serial number content octets, big-endian.</summary>
    public byte[] Serial { get; }

    public string DigestOid { get; }

    /// <summary>The signed attributes re-tagged as SET OF: the bytes the signature covers (RFC 5652 §5.4).</summary>
    public byte[] SignedAttributesDer { get; }

    public string SignatureOid { get; }

    public byte[] Signature { get; }

    public static SignerInfoFields Read(AsnReader signerInfo)
    {
        signerInfo.ReadInteger();
        if (signerInfo.PeekTag() != Asn1Tag.Sequence)
        {
            throw new InvalidInput("pkcs7: signer not identified by issuer and serial");
        }
        var issuerAndSerial = signerInfo.ReadSequence();
        var issuer = issuerAndSerial.ReadEncodedValue().ToArray();
        var serial = issuerAndSerial.ReadIntegerBytes().ToArray();
        issuerAndSerial.ThrowIfNotEmpty();
        var digestOid = ReadAlgorithmOid(signerInfo);
        var signedAttributesTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (!signerInfo.HasData || !signerInfo.PeekTag().HasSameClassAndValue(signedAttributesTag))
        {
            throw new InvalidInput("pkcs7: no signed attributes");
        }
        var signedAttributes = signerInfo.ReadEncodedValue().ToArray();
        var signatureOid = ReadAlgorithmOid(signerInfo);
        var signature = signerInfo.ReadOctetString();
        return new SignerInfoFields(
            issuer, serial, digestOid, ToSetOfDer(signedAttributes), signatureOid, signature);
    }

    private static string ReadAlgorithmOid(AsnReader reader)
    {
        var algorithm = reader.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        if (algorithm.HasData)
        {
            algorithm.ReadNull();
        }
        algorithm.ThrowIfNotEmpty();
        return oid;
    }

    /// <summary>
    /// The signature covers the attributes with the [0] IMPLICIT tag replaced by SET OF (RFC 5652 §5.4). Signers
    /// sign their own definite-length bytes, so those are kept verbatim; an indefinite-length form is re-encoded.
    /// </summary>
    private static byte[] ToSetOfDer(byte[] implicitAttributes)
    {
        if (implicitAttributes.Length > 1 && implicitAttributes[1] != 0x80)
        {
            var retagged = (byte[])implicitAttributes.Clone();
            retagged[0] = 0x31;
            return retagged;
        }
        var reader = new AsnReader(implicitAttributes, AsnEncodingRules.BER);
        var attributes = reader.ReadSetOf(skipSortOrderValidation: true, expectedTag: new Asn1Tag(TagClass.ContextSpecific, 0));
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSetOf())
        {
            while (attributes.HasData)
            {
                writer.WriteEncodedValue(attributes.ReadEncodedValue().Span);
            }
        }
        return writer.Encode();
    }
}
