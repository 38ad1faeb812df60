using VaultEc2Auth.Aws.Identity;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.TestSupport.Cms;

namespace VaultEc2Auth.Aws.Tests.Identity;

/// <summary>One verifier and test CA for all identity tests: DSA key generation is slow.</summary>
internal static class VerifierFixture
{
    public static IdentityDocumentVerifier Verifier { get; } = new();

    public static TestIdentityCa Ca { get; } = TestIdentityCa.Create();

    public static TestIdentityCa UnregisteredCa { get; } = TestIdentityCa.Create(organizationalUnit: "Unregistered CA");

    public static IReadOnlyCollection<OperatorCertificate> CaCertificates { get; } =
    [
        new("test-dsa", CertificateUse.Pkcs7, Ca.DsaCertificate.RawData),
        new("test-rsa2048", CertificateUse.Pkcs7, Ca.Rsa2048Certificate.RawData),
        new("test-rsa", CertificateUse.Identity, Ca.Rsa1024Certificate.RawData),
    ];

    public static IReadOnlyCollection<OperatorCertificate> None { get; } = [];

    /// <summary>A signing time inside the test CA's 2012–2038 window.</summary>
    public static readonly DateTimeOffset SigningTime = new(2026, 1, 2, 3, 4, 7, TimeSpan.Zero);

    public static VerifiedDocument VerifyPkcs7(string pkcs7, IReadOnlyCollection<OperatorCertificate>? certificates = null) =>
        Verifier.Verify(IdentityProof.FromPkcs7(pkcs7), certificates ?? CaCertificates);

    public static InvalidInput Rejects(Action verify) => Assert.Throws<InvalidInput>(verify);

    /// <summary>The verifier's contract: a document or invalid input, never any other exception.</summary>
    public static void VerifiesOrRejectsAsBadRequest(Action verify)
    {
        try
        {
            verify();
        }
        catch (InvalidInput error)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }
}
