using System.Collections.Concurrent;
using VaultEc2Auth.Identity;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// Stands in for AWS's signature check: a proof verifies when it was registered here, mapping it to the document
/// it "signs". A document may require an operator-registered certificate, so tests can see registered
/// certificates reach the verifier. Anything else is a BadRequest, as the real verifier's contract says.
/// </summary>
public sealed class FakeIdentityVerifier : IIdentityDocumentVerifier
{
    private readonly ConcurrentDictionary<string, (VerifiedDocument Document, byte[]? RequiredCertificate)> _proofs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IReadOnlyCollection<OperatorCertificate> _lastCertificates = [];
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The operator certificates handed over on the last call.</summary>
    public IReadOnlyCollection<OperatorCertificate> LastCertificates
    {
        get
        {
            lock (_gate)
            {
                return _lastCertificates;
            }
        }
    }

    public void AddPkcs7(string pkcs7, VerifiedDocument document, byte[]? requiredCertificate = null) =>
        _proofs[Pkcs7Key(pkcs7)] = (document, requiredCertificate);

    public void AddIdentity(string identity, string signature, VerifiedDocument document) =>
        _proofs[IdentityKey(identity, signature)] = (document, null);

    public VerifiedDocument Verify(IdentityProof proof, IReadOnlyCollection<OperatorCertificate> operatorCertificates)
    {
        Interlocked.Increment(ref _calls);
        lock (_gate)
        {
            _lastCertificates = [.. operatorCertificates];
        }

        var key = proof.Pkcs7 is { } pkcs7 ? Pkcs7Key(pkcs7) : IdentityKey(proof.Identity ?? "", proof.Signature ?? "");
        if (!_proofs.TryGetValue(key, out var known))
        {
            throw RequestException.BadRequest("the identity document's signature does not verify");
        }

        if (known.RequiredCertificate is { } der && !operatorCertificates.Any(certificate => certificate.Der.AsSpan().SequenceEqual(der)))
        {
            throw RequestException.BadRequest("no certificate verifies the identity document's signature");
        }

        return known.Document;
    }

    private static string Pkcs7Key(string pkcs7) => "pkcs7\n" + pkcs7;

    private static string IdentityKey(string identity, string signature) => $"identity\n{identity}\n{signature}";
}
