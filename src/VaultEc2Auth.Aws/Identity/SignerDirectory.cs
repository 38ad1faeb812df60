using System.Collections.Concurrent;
using System.Security.Cryptography;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>
/// Finds candidate signers: the built-in certificates plus the operator's, whose parsed keys are cached by the
/// SHA-256 of their DER so a login does not re-import them.
/// </summary>
internal sealed class SignerDirectory
{
    /// <summary>Operators register a handful of certificates; a bound keeps a churned list from growing memory.</summary>
    private const int MaxCachedOperatorCertificates = 256;

    private readonly BuiltInCertificates _builtIn;
    private readonly ILookup<string, TrustedSigner> _builtInById;
    private readonly ConcurrentDictionary<string, TrustedSigner?> _operatorCache = new(StringComparer.Ordinal);

    public SignerDirectory(BuiltInCertificates builtIn)
    {
        _builtIn = builtIn;
        _builtInById = builtIn.Signers.ToLookup(s => s.SignerId, StringComparer.Ordinal);
    }

    public List<TrustedSigner> FindPkcs7Signers(string signerId, IReadOnlyCollection<OperatorCertificate> operatorCertificates)
    {
        var found = _builtInById[signerId].ToList();
        foreach (var certificate in operatorCertificates)
        {
            if (certificate.Use == CertificateUse.Pkcs7 && Parse(certificate) is { } signer && signer.SignerId == signerId)
            {
                found.Add(signer);
            }
        }
        return found;
    }

    public List<TrustedSigner> RawSignatureCandidates(IReadOnlyCollection<OperatorCertificate> operatorCertificates)
    {
        var found = new List<TrustedSigner>(_builtIn.RawSignatureKeys);
        foreach (var certificate in operatorCertificates)
        {
            if (certificate.Use == CertificateUse.Identity && Parse(certificate) is { IsRawCandidate: true } signer)
            {
                found.Add(signer);
            }
        }
        return found;
    }

    private TrustedSigner? Parse(OperatorCertificate certificate)
    {
        var id = Convert.ToHexString(SHA256.HashData(certificate.Der));
        if (_operatorCache.TryGetValue(id, out var cached))
        {
            return cached;
        }
        if (_operatorCache.Count >= MaxCachedOperatorCertificates)
        {
            _operatorCache.Clear();
        }
        TrustedSigner? parsed;
        try
        {
            parsed = TrustedSigner.FromDer(certificate.Der);
        }
        catch (CryptographicException)
        {
            throw new InvalidInput($"registered certificate {certificate.Name} is not a valid certificate");
        }
        _operatorCache[id] = parsed;
        return parsed;
    }
}
