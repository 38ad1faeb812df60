using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VaultEc2Auth.TestSupport.Cms;

/// <summary>.NET has no built-in DSA certificate signer; AWS's pkcs7 certificates are DSA-SHA1 self-signed.</summary>
internal sealed class DsaCertificateSignature(DSA key) : X509SignatureGenerator
{
    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.10040.4.3");
        }
        return writer.Encode();
    }

    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) =>
        key.SignData(data, HashAlgorithmName.SHA1, DSASignatureFormat.Rfc3279DerSequence);

    protected override PublicKey BuildPublicKey() => new(key);
}
