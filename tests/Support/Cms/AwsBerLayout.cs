using System.Formats.Asn1;

namespace VaultEc2Auth.TestSupport.Cms;

/// <summary>
/// Re-lays DER SignedData the way IMDS serves it: indefinite lengths on ContentInfo, its [0], SignedData,
/// encapContentInfo and its [0], and the content as a constructed OCTET STRING; signer infos stay DER.
/// </summary>
internal static class AwsBerLayout
{
    public static byte[] FromDer(byte[] der)
    {
        var contentInfo = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var outerOid = contentInfo.ReadEncodedValue();
        var signedData = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
        var version = signedData.ReadEncodedValue();
        var digestAlgorithms = signedData.ReadEncodedValue();
        var encapsulated = signedData.ReadSequence();
        var contentOid = encapsulated.ReadEncodedValue();
        byte[]? content = encapsulated.HasData
            ? encapsulated.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadOctetString()
            : null;
        var rest = new List<ReadOnlyMemory<byte>>();
        while (signedData.HasData)
        {
            rest.Add(signedData.ReadEncodedValue());
        }

        var output = new List<byte>();
        output.AddRange([0x30, 0x80]);
        output.AddRange(outerOid.ToArray());
        output.AddRange([0xA0, 0x80, 0x30, 0x80]);
        output.AddRange(version.ToArray());
        output.AddRange(digestAlgorithms.ToArray());
        output.AddRange([0x30, 0x80]);
        output.AddRange(contentOid.ToArray());
        if (content is not null)
        {
            output.AddRange([0xA0, 0x80, 0x24, 0x80]);
            var octets = new AsnWriter(AsnEncodingRules.DER);
            octets.WriteOctetString(content);
            output.AddRange(octets.Encode());
            output.AddRange([0, 0, 0, 0]);
        }
        output.AddRange([0, 0]);
        foreach (var element in rest)
        {
            output.AddRange(element.ToArray());
        }
        output.AddRange([0, 0, 0, 0, 0, 0]);
        return [.. output];
    }
}
