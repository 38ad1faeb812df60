namespace VaultEc2Auth.Identity;

/// <summary>Which signature form an operator-registered AWS public certificate verifies.</summary>
public enum CertificateUse
{
    /// <summary>PKCS#7 signatures (<c>/pkcs7</c> and <c>/rsa2048</c>); Vault's default.</summary>
    Pkcs7,
    /// <summary>The raw RSA signature form (<c>identity</c> + <c>signature</c>).</summary>
    Identity,
}

/// <summary>A certificate registered at <c>config/certificate/&lt;name&gt;</c>, as DER.</summary>
public sealed record OperatorCertificate(string Name, CertificateUse Use, byte[] Der);
