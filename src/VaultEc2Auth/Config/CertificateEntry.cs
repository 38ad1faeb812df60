using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Config;

/// <summary>The stored form of <c>config/certificate/&lt;name&gt;</c>: the DER and the form it verifies.</summary>
public sealed record CertificateEntry(string Type, byte[] Der)
{
    public CertificateUse Use => Type == "identity" ? CertificateUse.Identity : CertificateUse.Pkcs7;
}
