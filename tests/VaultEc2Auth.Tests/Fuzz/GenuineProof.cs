using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// A genuinely signed identity proof the fuzzer starts from, with the document it verifies to. <see cref="Der"/>
/// is the decoded PKCS#7 (null for identity + signature); <see cref="Json"/> is the signed document text.
/// <see cref="Reproducible"/> is false for test-CA proofs, whose keys are new in every run.
/// </summary>
internal sealed record GenuineProof(
    string Name,
    IdentityProof Proof,
    VerifiedDocument Document,
    byte[]? Der,
    string Json,
    bool Reproducible);
