namespace VaultEc2Auth.TestSupport.Cms;

/// <summary>
/// How <see cref="TestIdentityCa"/> shapes a PKCS#7 blob. The defaults reproduce what IMDS serves: BER indefinite
/// lengths, attached content, issuerAndSerialNumber, signingTime, no embedded certificate, base64 wrapped at 76.
/// The remaining switches build the malformed variants a verifier must reject.
/// </summary>
public sealed record Pkcs7Options
{
    public DateTimeOffset? SigningTime { get; init; }
    public bool OmitSigningTime { get; init; }
    public bool EmbedCertificate { get; init; }
    /// <summary>Adds CMSAlgorithmProtection (1.2.840.113549.1.9.52) as newer AWS blobs do.</summary>
    public bool AlgorithmProtection { get; init; }
    /// <summary>RSA only: sha256WithRSAEncryption instead of rsaEncryption as the signature algorithm.</summary>
    public bool Sha256WithRsaSignatureOid { get; init; }
    public bool BerIndefiniteLengths { get; init; } = true;
    public int Base64LineLength { get; init; } = 76;
    public string EncapsulatedContentType { get; init; } = "1.2.840.113549.1.7.1";
    public byte[]? MessageDigestOverride { get; init; }
    public int SignerCount { get; init; } = 1;
    public bool OmitContent { get; init; }
    public bool CorruptSignature { get; init; }
    public string OuterContentType { get; init; } = "1.2.840.113549.1.7.2";
}
