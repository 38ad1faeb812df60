using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>The real verifier, remembering the last document it returned so the login oracle can check a token's origin.</summary>
internal sealed class RecordingVerifier(IIdentityDocumentVerifier inner) : IIdentityDocumentVerifier
{
    public VerifiedDocument? LastVerified { get; private set; }

    public void Forget() => LastVerified = null;

    public VerifiedDocument Verify(IdentityProof proof, IReadOnlyCollection<OperatorCertificate> operatorCertificates)
    {
        LastVerified = inner.Verify(proof, operatorCertificates);
        return LastVerified;
    }
}
