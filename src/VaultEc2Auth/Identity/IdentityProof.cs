namespace VaultEc2Auth.Identity;

/// <summary>
/// What an instance presents at login, as received: either <c>pkcs7</c> (the <c>/pkcs7</c> or <c>/rsa2048</c>
/// body, with or without PEM armour and line breaks), or <c>identity</c> (base64 document) plus <c>signature</c>
/// (base64 body of <c>/signature</c>). Exactly one form is set; the login handler checks that at the edge.
/// </summary>
public sealed record IdentityProof(string? Pkcs7, string? Identity, string? Signature)
{
    public static IdentityProof FromPkcs7(string pkcs7) => new(pkcs7, null, null);
    public static IdentityProof FromIdentity(string identity, string signature) => new(null, identity, signature);
}
