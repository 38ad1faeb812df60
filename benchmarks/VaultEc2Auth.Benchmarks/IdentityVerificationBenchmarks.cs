using System.Text;
using BenchmarkDotNet.Attributes;
using VaultEc2Auth.Aws.Identity;
using VaultEc2Auth.Aws.Tests.Identity;
using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Benchmarks;

/// <summary>Verification time per genuine AWS document with the built-in bundle (target ≤ 100 µs).</summary>
[MemoryDiagnoser]
public class IdentityVerificationBenchmarks
{
    private readonly IdentityDocumentVerifier _verifier = new();
    private readonly IReadOnlyCollection<OperatorCertificate> _none = [];
    private IdentityProof _dsa = null!;
    private IdentityProof _rsa2048 = null!;
    private IdentityProof _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dsa = IdentityProof.FromPkcs7(RealAwsDocuments.NpmDsaApSoutheast2);
        _rsa2048 = IdentityProof.FromPkcs7(RealAwsDocuments.TeleportRsa2048UsWest2);
        _raw = IdentityProof.FromIdentity(
            Convert.ToBase64String(Encoding.UTF8.GetBytes(RealAwsDocuments.CoderRawDocumentUsEast1)),
            RealAwsDocuments.CoderRawSignatureUsEast1);
        _verifier.Verify(_dsa, _none);
    }

    [Benchmark(Description = "pkcs7 DSA-SHA1")]
    public VerifiedDocument Dsa() => _verifier.Verify(_dsa, _none);

    [Benchmark(Description = "rsa2048 RSA-SHA256")]
    public VerifiedDocument Rsa2048() => _verifier.Verify(_rsa2048, _none);

    [Benchmark(Description = "identity+signature RSA-1024")]
    public VerifiedDocument RawSignature() => _verifier.Verify(_raw, _none);
}
