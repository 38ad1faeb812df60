namespace VaultEc2Auth.Identity;

/// <summary>
/// Verifies that an identity document was signed by AWS (built-in certificates for every partition and
/// region, plus the operator's registered ones) and parses it. The signer is chosen by issuer + serial (PKCS#7)
/// or by key (raw signature), never by the region the document claims.
/// </summary>
public interface IIdentityDocumentVerifier
{
    /// <summary>
    /// Returns the verified document, or throws <see cref="Failures.InvalidInput"/> with a short reason for any bad
    /// input; never any other exception.
    /// </summary>
    VerifiedDocument Verify(IdentityProof proof, IReadOnlyCollection<OperatorCertificate> operatorCertificates);
}
