using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VaultEc2Auth.TestSupport.Cms;

/// <summary>Writes CMS SignedData byte by byte the way AWS's signer lays it out (RFC 5652).</summary>
internal static class CmsSignedDataWriter
{
    private const string DataOid = "1.2.840.113549.1.7.1";

    public static byte[] Write(byte[] content, X509Certificate2 certificate, AsymmetricAlgorithm key, Pkcs7Options options)
    {
        var isDsa = key is DSA;
        var hash = isDsa ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        var digestOid = isDsa ? "1.3.14.3.2.26" : "2.16.840.1.101.3.4.2.1";
        var signatureOid = isDsa ? "1.2.840.10040.4.3"
            : options.Sha256WithRsaSignatureOid ? "1.2.840.113549.1.1.11" : "1.2.840.113549.1.1.1";
        var attributes = SignedAttributes(content, hash, digestOid, signatureOid, isDsa, options);
        var signature = key switch
        {
            DSA dsa => dsa.SignData(attributes, hash, DSASignatureFormat.Rfc3279DerSequence),
            RSA rsa => rsa.SignData(attributes, hash, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("DSA or RSA key expected", nameof(key)),
        };
        if (options.CorruptSignature)
        {
            signature[^3] ^= 0x5A;
        }

        var signedData = new AsnWriter(AsnEncodingRules.DER);
        using (signedData.PushSequence())
        {
            signedData.WriteInteger(1);
            using (signedData.PushSetOf())
            {
                WriteAlgorithm(signedData, digestOid, withNull: true);
            }
            using (signedData.PushSequence())
            {
                signedData.WriteObjectIdentifier(options.EncapsulatedContentType);
                if (!options.OmitContent)
                {
                    using (signedData.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        signedData.WriteOctetString(content);
                    }
                }
            }
            if (options.EmbedCertificate)
            {
                using (signedData.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    signedData.WriteEncodedValue(certificate.RawData);
                }
            }
            using (signedData.PushSetOf())
            {
                for (var i = 0; i < options.SignerCount; i++)
                {
                    WriteSignerInfo(signedData, certificate, digestOid, signatureOid, isDsa, attributes, signature);
                }
            }
        }

        var contentInfo = new AsnWriter(AsnEncodingRules.DER);
        using (contentInfo.PushSequence())
        {
            contentInfo.WriteObjectIdentifier(options.OuterContentType);
            using (contentInfo.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                contentInfo.WriteEncodedValue(signedData.Encode());
            }
        }
        var der = contentInfo.Encode();
        return options.BerIndefiniteLengths ? AwsBerLayout.FromDer(der) : der;
    }

    private static byte[] SignedAttributes(byte[] content, HashAlgorithmName hash, string digestOid, string signatureOid, bool isDsa, Pkcs7Options options)
    {
        var digest = options.MessageDigestOverride
            ?? (hash == HashAlgorithmName.SHA1 ? SHA1.HashData(content) : SHA256.HashData(content));
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            WriteAttribute(writer, "1.2.840.113549.1.9.3", w => w.WriteObjectIdentifier(DataOid));
            if (!options.OmitSigningTime)
            {
                var time = options.SigningTime ?? DateTimeOffset.UtcNow;
                WriteAttribute(writer, "1.2.840.113549.1.9.5", w => w.WriteUtcTime(time));
            }
            WriteAttribute(writer, "1.2.840.113549.1.9.4", w => w.WriteOctetString(digest));
            if (options.AlgorithmProtection)
            {
                WriteAttribute(writer, "1.2.840.113549.1.9.52", w =>
                {
                    using (w.PushSequence())
                    {
                        WriteAlgorithm(w, digestOid, withNull: !isDsa);
                        using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                        {
                            w.WriteObjectIdentifier(signatureOid);
                            if (!isDsa)
                            {
                                w.WriteNull();
                            }
                        }
                    }
                });
            }
        }
        return writer.Encode();
    }

    private static void WriteSignerInfo(AsnWriter writer, X509Certificate2 certificate, string digestOid, string signatureOid, bool isDsa, byte[] attributes, byte[] signature)
    {
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence())
            {
                writer.WriteEncodedValue(certificate.IssuerName.RawData);
                writer.WriteIntegerUnsigned(certificate.SerialNumberBytes.Span);
            }
            WriteAlgorithm(writer, digestOid, withNull: true);
            var implicitAttributes = (byte[])attributes.Clone();
            implicitAttributes[0] = 0xA0;
            writer.WriteEncodedValue(implicitAttributes);
            WriteAlgorithm(writer, signatureOid, withNull: !isDsa);
            writer.WriteOctetString(signature);
        }
    }

    private static void WriteAttribute(AsnWriter writer, string oid, Action<AsnWriter> writeValue)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSetOf())
            {
                writeValue(writer);
            }
        }
    }

    private static void WriteAlgorithm(AsnWriter writer, string oid, bool withNull)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (withNull)
            {
                writer.WriteNull();
            }
        }
    }
}
