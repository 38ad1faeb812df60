namespace VaultEc2Auth.Identity;

/// <summary>What <c>config/certificate/&lt;name&gt;</c> reports about a registered certificate.</summary>
public sealed record CertificateDescription(byte[] Der, string Subject, string Serial, DateTimeOffset NotBefore, DateTimeOffset NotAfter);

/// <summary>
/// Reads an operator-supplied AWS public certificate: PEM, base64 of PEM (Vault's form) or base64 DER. Throws
/// RequestException BadRequest for anything else.
/// </summary>
public interface ICertificateParser
{
    CertificateDescription Parse(string text);
}
