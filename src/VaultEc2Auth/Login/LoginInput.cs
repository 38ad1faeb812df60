using VaultEc2Auth.Identity;
using VaultEc2Auth.Roles;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Login;

/// <summary>The login request's fields, checked at the edge: exactly one proof form, bounded nonce.</summary>
public sealed record LoginInput(IdentityProof Proof, NonceInput Nonce, string? Role)
{
    /// <summary>A full-format GCE token is about 1 KB; anything near this bound is not one.</summary>
    public const int MaxJwtLength = 8192;

    public static IEnumerable<KeyValuePair<string, FieldSchema>> Schema() =>
    [
        new("pkcs7", new(FieldType.String, "The instance's PKCS#7 signed identity document: the body of /latest/dynamic/instance-identity/pkcs7 or /rsa2048.") { MaxLength = 65536 }),
        new("identity", new(FieldType.String, "Base64 of the instance identity document (/latest/dynamic/instance-identity/document); with signature.") { MaxLength = 65536 }),
        new("signature", new(FieldType.String, "The body of /latest/dynamic/instance-identity/signature; with identity.") { MaxLength = 8192 }),
        new("jwt", new(FieldType.String, "GCE: the instance identity token from the metadata server (service-accounts/default/identity?audience=<gce_audience>&format=full).") { Sensitive = true, MaxLength = MaxJwtLength }),
        new("nonce", new(FieldType.String, "EC2 only: client nonce bound to the instance at its first login; later logins must repeat it. Omit it to get a generated one in the auth metadata; an empty nonce disables reauthentication.") { Sensitive = true, MaxLength = 4096 }),
        new("role", new(FieldType.String, "Name of the role to log in with. Optional when exactly one role matches the instance.") { MaxLength = 128 }),
    ];

    public static LoginInput From(FieldData fields)
    {
        var proof = ProofFrom(fields);
        var nonce = fields.IsSet("nonce") ? new NonceInput(true, fields.GetString("nonce") ?? "") : NonceInput.Absent;
        if (nonce.Value.Length > NonceInput.MaxLength)
        {
            throw RequestException.BadRequest($"nonce is longer than {NonceInput.MaxLength} characters");
        }

        // A GCE token is bound to its instance by Google and expires within the hour; replay is refused by its iat.
        if (nonce.Present && proof.Jwt is not null)
        {
            throw RequestException.BadRequest("nonce applies to EC2 logins only, not to jwt");
        }

        return new LoginInput(proof, nonce, NonEmpty(fields.GetString("role")) is { } role ? RoleStore.CanonicalName(role) : null);
    }

    /// <summary>Only the proof fields, for paths (such as preview) that take a document but no nonce or role.</summary>
    public static IdentityProof ProofFrom(FieldData fields)
    {
        var pkcs7 = NonEmpty(fields.GetString("pkcs7"));
        var identity = NonEmpty(fields.GetString("identity"));
        var signature = NonEmpty(fields.GetString("signature"));
        var jwt = NonEmpty(fields.GetString("jwt"));
        if (jwt is not null)
        {
            return (pkcs7, identity, signature) == (null, null, null)
                ? IdentityProof.FromJwt(jwt)
                : throw RequestException.BadRequest("give either jwt (GCE), or pkcs7 or identity and signature (EC2), not both");
        }

        return (pkcs7, identity, signature) switch
        {
            ({ } p, null, null) => IdentityProof.FromPkcs7(p),
            (null, { } i, { } s) => IdentityProof.FromIdentity(i, s),
            (null, null, null) => throw RequestException.BadRequest("missing pkcs7, or identity and signature (EC2), or jwt (GCE)"),
            (null, _, _) => throw RequestException.BadRequest("identity and signature must be given together"),
            _ => throw RequestException.BadRequest("give either pkcs7, or identity and signature, not both"),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
