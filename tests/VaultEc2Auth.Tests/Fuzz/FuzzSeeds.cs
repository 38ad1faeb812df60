using System.Security.Cryptography.Pkcs;
using System.Text;
using VaultEc2Auth.Aws.Identity;
using VaultEc2Auth.Aws.Tests.Identity;
using VaultEc2Auth.Identity;
using VaultEc2Auth.TestSupport.Cms;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// The genuine proofs mutations start from: every real AWS document in <see cref="RealAwsDocuments"/> (all three
/// forms, DSA and RSA) and the test CA's documents in each form and layout, each checked to verify unmutated.
/// </summary>
internal sealed class FuzzSeeds
{
    public const string AccountId = Ec2AuthHarness.AccountId;
    public const string Region = Ec2AuthHarness.Region;

    private static readonly DateTimeOffset SigningTime = new(2026, 1, 2, 3, 4, 7, TimeSpan.Zero);

    private FuzzSeeds(TestIdentityCa ca, IReadOnlyList<GenuineProof> proofs, IReadOnlyCollection<OperatorCertificate> certificates)
    {
        Ca = ca;
        Proofs = proofs;
        Certificates = certificates;
    }

    public TestIdentityCa Ca { get; }

    public IReadOnlyList<GenuineProof> Proofs { get; }

    /// <summary>The test CA's certificates, as the verifier receives registered ones.</summary>
    public IReadOnlyCollection<OperatorCertificate> Certificates { get; }

    public static FuzzSeeds Create(IdentityDocumentVerifier verifier)
    {
        var ca = TestIdentityCa.Create();
        IReadOnlyCollection<OperatorCertificate> certificates =
        [
            new("fuzz-dsa", CertificateUse.Pkcs7, ca.DsaCertificate.RawData),
            new("fuzz-rsa2048", CertificateUse.Pkcs7, ca.Rsa2048Certificate.RawData),
            new("fuzz-rsa", CertificateUse.Identity, ca.Rsa1024Certificate.RawData),
        ];
        var candidates = RealProofs().Concat(TestCaProofs(ca));
        var proofs = candidates.Select(c => c with { Document = verifier.Verify(c.Proof, certificates) }).ToList();
        return new FuzzSeeds(ca, proofs, certificates);
    }

    /// <summary>The instance ids the test CA's documents name (the fuzz harness launches them).</summary>
    public static IReadOnlyList<string> TestCaInstanceIds { get; } = ["i-0f0e0d0c0b0a09080", "i-0a1b2c3d4e5f60718", "i-0badc0ffee0ddf00d"];

    private static IEnumerable<GenuineProof> RealProofs()
    {
        yield return Pkcs7(nameof(RealAwsDocuments.OpenBaoDsaUsEast1Pem), RealAwsDocuments.OpenBaoDsaUsEast1Pem, true);
        yield return Pkcs7(nameof(RealAwsDocuments.NpmDsaApSoutheast2), RealAwsDocuments.NpmDsaApSoutheast2, true);
        yield return Pkcs7(nameof(RealAwsDocuments.NpmRsa2048ApSoutheast2), RealAwsDocuments.NpmRsa2048ApSoutheast2, true);
        yield return Pkcs7(nameof(RealAwsDocuments.TeleportRsa2048UsWest2), RealAwsDocuments.TeleportRsa2048UsWest2, true);
        yield return Pkcs7(nameof(RealAwsDocuments.TeleportRsa2048UsWest1), RealAwsDocuments.TeleportRsa2048UsWest1, true);
        yield return Pkcs7(nameof(RealAwsDocuments.GoTestRsa2048RsaEncryptionUsEast1), RealAwsDocuments.GoTestRsa2048RsaEncryptionUsEast1, true);
        yield return Raw(nameof(RealAwsDocuments.NpmRawDocumentApSoutheast2), RealAwsDocuments.NpmRawDocumentApSoutheast2, RealAwsDocuments.NpmRawSignatureApSoutheast2, true);
        yield return Raw(nameof(RealAwsDocuments.CoderRawDocumentUsEast1), RealAwsDocuments.CoderRawDocumentUsEast1, RealAwsDocuments.CoderRawSignatureUsEast1, true);
    }

    private static IEnumerable<GenuineProof> TestCaProofs(TestIdentityCa ca)
    {
        var dsa = TestIdentityCa.BuildDocument(TestCaInstanceIds[0], AccountId, Region);
        var rsa2048 = TestIdentityCa.BuildDocument(TestCaInstanceIds[1], AccountId, Region);
        var raw = TestIdentityCa.BuildDocument(TestCaInstanceIds[2], AccountId, Region);
        var (identity, signature) = ca.SignRaw(raw);
        yield return Pkcs7("test-ca dsa", ca.SignPkcs7Dsa(dsa, new Pkcs7Options { SigningTime = SigningTime }), false);
        yield return Pkcs7("test-ca dsa pem, embedded certificate, definite lengths", TestIdentityCa.WithPemArmour(ca.SignPkcs7Dsa(dsa,
            new Pkcs7Options { SigningTime = SigningTime, EmbedCertificate = true, BerIndefiniteLengths = false, AlgorithmProtection = true })), false);
        yield return Pkcs7("test-ca rsa2048", ca.SignRsa2048(rsa2048, new Pkcs7Options { SigningTime = SigningTime, AlgorithmProtection = true, Sha256WithRsaSignatureOid = true }), false);
        yield return Pkcs7("test-ca rsa2048 one line", ca.SignRsa2048(rsa2048, new Pkcs7Options { SigningTime = SigningTime, Base64LineLength = 0 }), false);
        yield return new GenuineProof("test-ca identity+signature", IdentityProof.FromIdentity(identity, signature), null!, null, raw, false);
    }

    private static GenuineProof Pkcs7(string name, string text, bool reproducible)
    {
        var body = text.Replace("-----BEGIN PKCS7-----", "", StringComparison.Ordinal).Replace("-----END PKCS7-----", "", StringComparison.Ordinal);
        var der = Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))));
        return new GenuineProof(name, IdentityProof.FromPkcs7(text), null!, der, ContentOf(der), reproducible);
    }

    private static GenuineProof Raw(string name, string document, string signature, bool reproducible) =>
        new(name, IdentityProof.FromIdentity(Convert.ToBase64String(Encoding.UTF8.GetBytes(document)), signature), null!, null, document, reproducible);

    /// <summary>The signed JSON inside a PKCS#7 (AWS pads it with NULs after the closing brace).</summary>
    private static string ContentOf(byte[] der)
    {
        var cms = new SignedCms();
        cms.Decode(der);
        return Encoding.UTF8.GetString(cms.ContentInfo.Content).TrimEnd('\0');
    }
}
