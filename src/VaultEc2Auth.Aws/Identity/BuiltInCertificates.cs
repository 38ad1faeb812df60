using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>
/// The AWS certificates embedded under <c>Certificates/&lt;partition&gt;/&lt;region&gt;.&lt;form&gt;.pem</c>,
/// de-duplicated: most regions share the default DSA certificate, and AWS re-issued RSA certificates with their
/// old keys.
/// </summary>
internal sealed class BuiltInCertificates
{
    private const string ResourcePrefix = "certificates/";

    private BuiltInCertificates(IReadOnlyList<EmbeddedCertificate> files, IReadOnlyList<TrustedSigner> signers, IReadOnlyList<TrustedSigner> rawSignatureKeys)
    {
        Files = files;
        Signers = signers;
        RawSignatureKeys = rawSignatureKeys;
    }

    public static BuiltInCertificates Shared { get; } = Load();

    /// <summary>Every embedded file, before de-duplication (for coverage checks).</summary>
    public IReadOnlyList<EmbeddedCertificate> Files { get; }

    /// <summary>All distinct certificates: Vault merges every built-in family into one PKCS#7 candidate set.</summary>
    public IReadOnlyList<TrustedSigner> Signers { get; }

    /// <summary>Distinct keys of the "RSA" family, the only one that makes the raw <c>/signature</c>.</summary>
    public IReadOnlyList<TrustedSigner> RawSignatureKeys { get; }

    private static BuiltInCertificates Load()
    {
        var assembly = typeof(BuiltInCertificates).Assembly;
        var files = new List<EmbeddedCertificate>();
        var byDer = new Dictionary<string, TrustedSigner>(StringComparer.Ordinal);
        var rawKeys = new Dictionary<string, TrustedSigner>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = EmbeddedCertificate.Read(assembly, name);
            files.Add(file);
            var derId = Convert.ToHexString(SHA256.HashData(file.Der));
            if (!byDer.TryGetValue(derId, out var signer))
            {
                signer = TrustedSigner.FromDer(file.Der)
                    ?? throw new InvalidOperationException($"embedded certificate {name} has neither a DSA nor an RSA key");
                byDer.Add(derId, signer);
            }
            if (file.Form == "rsa")
            {
                rawKeys.TryAdd(signer.KeyId, signer);
            }
        }
        return new BuiltInCertificates(files, [.. byDer.Values], [.. rawKeys.Values]);
    }
}

/// <summary>One embedded PEM file and where it claims to belong.</summary>
internal sealed record EmbeddedCertificate(string Partition, string Region, string Form, byte[] Der)
{
    public static EmbeddedCertificate Read(Assembly assembly, string resourceName)
    {
        // Resource names are certificates/<partition>/<region>.<form>.pem.
        var parts = resourceName.Split('/');
        var fileName = parts[^1];
        var withoutExtension = fileName[..^".pem".Length];
        var formStart = withoutExtension.LastIndexOf('.');
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"resource {resourceName} vanished");
        using var reader = new StreamReader(stream);
        using var certificate = X509Certificate2.CreateFromPem(reader.ReadToEnd());
        return new EmbeddedCertificate(parts[1], withoutExtension[..formStart], withoutExtension[(formStart + 1)..], certificate.RawData);
    }
}
