namespace VaultEc2Auth.Identity;

/// <summary>
/// What an instance presents at login, as received: either <c>pkcs7</c> (the <c>/pkcs7</c> or <c>/rsa2048</c>
/// body, with or without PEM armour and line breaks), or <c>identity</c> (base64 document) plus <c>signature</c>
/// (base64 body of <c>/signature</c>) from EC2; or <c>jwt</c>, GCE's instance identity token. Exactly one form is
/// set; the login handler checks that at the edge.
/// </summary>
public sealed record IdentityProof(string? Pkcs7, string? Identity, string? Signature)
{
    /// <summary>GCE: the metadata server's identity token (<c>format=full</c>).</summary>
    public string? Jwt { get; init; }

    /// <summary>The provider whose signature this proof carries.</summary>
    public string CloudProvider => Jwt is null ? CloudProviders.Aws : CloudProviders.Gce;

    public static IdentityProof FromPkcs7(string pkcs7) => new(pkcs7, null, null);
    public static IdentityProof FromIdentity(string identity, string signature) => new(null, identity, signature);
    public static IdentityProof FromJwt(string jwt) => new(null, null, null) { Jwt = jwt };
}
