using System.Security.Cryptography;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>
/// Which SignerInfo signatureAlgorithm values fit a key: AWS's rsa2048 blobs say rsaEncryption in older and
/// sha256WithRSAEncryption in newer documents; the DSA form says dsaWithSHA1 (or plain dsa).
/// </summary>
internal static class SignatureAlgorithm
{
    public static bool Matches(string signatureOid, bool keyIsDsa, HashAlgorithmName digest) => signatureOid switch
    {
        "1.2.840.10040.4.1" => keyIsDsa,
        "1.2.840.10040.4.3" => keyIsDsa && digest == HashAlgorithmName.SHA1,
        "2.16.840.1.101.3.4.3.2" => keyIsDsa && digest == HashAlgorithmName.SHA256,
        "1.2.840.113549.1.1.1" => !keyIsDsa,
        "1.2.840.113549.1.1.5" => !keyIsDsa && digest == HashAlgorithmName.SHA1,
        "1.2.840.113549.1.1.11" => !keyIsDsa && digest == HashAlgorithmName.SHA256,
        _ => false,
    };
}
