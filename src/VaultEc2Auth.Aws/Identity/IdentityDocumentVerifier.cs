using System.Security.Cryptography;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>
/// Verifies AWS instance identity documents in all three forms against the built-in and operator certificates,
/// choosing the signer by issuer + serial (PKCS#7) or by key (raw signature), never by the claimed region.
/// Keys are imported once and kept; verification works on the signed bytes and parses only those.
/// </summary>
public sealed class IdentityDocumentVerifier : IIdentityDocumentVerifier
{
    private const string Sha1Oid = "1.3.14.3.2.26";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    // Loading and importing ~100 built-in certificates costs tens of milliseconds: paid at the first login,
    // not while Vault waits for the plugin to start.
    private readonly Lazy<SignerDirectory> _signerDirectory;

    public IdentityDocumentVerifier()
        : this(() => BuiltInCertificates.Shared)
    {
    }

    internal IdentityDocumentVerifier(BuiltInCertificates builtIn)
        : this(() => builtIn)
    {
    }

    private IdentityDocumentVerifier(Func<BuiltInCertificates> builtIn)
    {
        _signerDirectory = new Lazy<SignerDirectory>(() => new SignerDirectory(builtIn()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private SignerDirectory Signers => _signerDirectory.Value;

    public VerifiedDocument Verify(IdentityProof proof, IReadOnlyCollection<OperatorCertificate> operatorCertificates)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(operatorCertificates);
        var content = proof switch
        {
            { Pkcs7: { } pkcs7, Identity: null, Signature: null } => VerifyPkcs7(pkcs7, operatorCertificates),
            { Pkcs7: null, Identity: { } identity, Signature: { } signature } => VerifyRawSignature(identity, signature, operatorCertificates),
            _ => throw new InvalidInput("either pkcs7 or identity and signature are required"),
        };
        return IdentityDocumentParser.Parse(content);
    }

    private byte[] VerifyPkcs7(string text, IReadOnlyCollection<OperatorCertificate> operatorCertificates)
    {
        var signedData = Pkcs7SignedData.Parse(ProofText.DecodePkcs7(text));
        var signer = signedData.Signer;
        var hash = signer.DigestOid switch
        {
            Sha1Oid => HashAlgorithmName.SHA1,
            Sha256Oid => HashAlgorithmName.SHA256,
            _ => throw new InvalidInput("pkcs7: unsupported digest algorithm"),
        };
        var attributes = SignedAttributes.Read(signer.SignedAttributesDer);
        if (attributes.ProtectedDigestOid is { } protectedDigest && protectedDigest != signer.DigestOid)
        {
            throw new InvalidInput("pkcs7: algorithm protection does not match the digest algorithm");
        }
        var digest = hash == HashAlgorithmName.SHA1 ? SHA1.HashData(signedData.Content) : SHA256.HashData(signedData.Content);
        if (!CryptographicOperations.FixedTimeEquals(digest, attributes.MessageDigest))
        {
            throw new InvalidInput("pkcs7: message digest does not match the content");
        }
        var candidates = Signers.FindPkcs7Signers(TrustedSigner.IdOf(signer.Issuer, signer.Serial), operatorCertificates);
        if (candidates.Count == 0)
        {
            throw new InvalidInput("pkcs7: signed by an unknown certificate");
        }
        foreach (var candidate in candidates)
        {
            if (SignatureAlgorithm.Matches(signer.SignatureOid, candidate.Key.IsDsa, hash)
                && candidate.Key.Verify(signer.SignedAttributesDer, signer.Signature, hash))
            {
                if (attributes.SigningTime < candidate.NotBefore || attributes.SigningTime > candidate.NotAfter)
                {
                    throw new InvalidInput("pkcs7: signing time outside the signer certificate's validity");
                }
                return signedData.Content;
            }
        }
        throw new InvalidInput("pkcs7: signature does not verify");
    }

    private byte[] VerifyRawSignature(string identity, string signatureText, IReadOnlyCollection<OperatorCertificate> operatorCertificates)
    {
        var document = ProofText.DecodeBase64(identity, "identity");
        var signature = ProofText.DecodeBase64(signatureText, "signature");
        foreach (var candidate in Signers.RawSignatureCandidates(operatorCertificates))
        {
            if (candidate.Key.RsaSignatureLength == signature.Length
                && candidate.Key.Verify(document, signature, HashAlgorithmName.SHA256))
            {
                return document;
            }
        }
        throw new InvalidInput("signature does not verify with any known certificate");
    }
}
