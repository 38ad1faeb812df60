using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>
/// Imported public keys of one certificate, reused across verifications. Importing an RSA-2048 key costs several
/// times the verification itself (docs/aws.md §3.1), and an imported key object is not documented as safe for
/// concurrent use, so each verification rents its own instance and returns it.
/// </summary>
internal sealed class PublicKeyPool
{
    /// <summary>More idle instances than cores only waste memory.</summary>
    private const int MaxIdle = 16;

    private readonly byte[] _subjectPublicKeyInfo;
    private readonly bool _isDsa;
    private readonly ConcurrentBag<AsymmetricAlgorithm> _idle = [];

    public PublicKeyPool(byte[] subjectPublicKeyInfo, bool isDsa)
    {
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        _isDsa = isDsa;
        _idle.Add(Import());
    }

    public bool IsDsa => _isDsa;

    /// <summary>RSA modulus size in bytes (0 for DSA): a raw RSA signature has exactly this length.</summary>
    public int RsaSignatureLength { get; private set; }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        if (!_idle.TryTake(out var key))
        {
            key = Import();
        }
        try
        {
            return key switch
            {
                DSA dsa => dsa.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence),
                RSA rsa => rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1),
                _ => false,
            };
        }
        finally
        {
            if (_idle.Count < MaxIdle)
            {
                _idle.Add(key);
            }
            else
            {
                key.Dispose();
            }
        }
    }

    private AsymmetricAlgorithm Import()
    {
        if (_isDsa)
        {
            var dsa = DSA.Create();
            dsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
            return dsa;
        }
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        RsaSignatureLength = rsa.KeySize / 8;
        return rsa;
    }
}
