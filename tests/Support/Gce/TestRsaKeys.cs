using System.Security.Cryptography;

namespace VaultEc2Auth.TestSupport.Gce;

/// <summary>
/// RSA-2048 key pairs for test signers and service-account keys. Generating one takes a second or more on a busy
/// machine, so a few are generated once per process and handed out in turn: two keys created one after the other
/// always differ. Each call returns a fresh RSA object the caller owns.
/// </summary>
public static class TestRsaKeys
{
    private const int PoolSize = 4;
    private static readonly Lazy<byte[][]> Pool = new(() => [.. Enumerable.Range(0, PoolSize).Select(_ =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKey();
    })]);

    private static int _next = -1;

    public static RSA Create()
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Pool.Value[(int)((uint)Interlocked.Increment(ref _next) % PoolSize)], out _);
        return rsa;
    }

    /// <summary>A key pair whose modulus differs from <paramref name="key"/>'s: a forger's key, whatever other tests drew meanwhile.</summary>
    public static RSA CreateOtherThan(RSA key)
    {
        var modulus = key.ExportParameters(false).Modulus;
        while (true)
        {
            var candidate = Create();
            if (!candidate.ExportParameters(false).Modulus.AsSpan().SequenceEqual(modulus))
            {
                return candidate;
            }
            candidate.Dispose();
        }
    }
}
