using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.TestSupport.Gce;

/// <summary>
/// An RSA key pair playing Google's token signer: mints instance identity tokens with any header and claims,
/// signed with its key, another key, HS256 or not at all, so tests can forge every kind of bad token.
/// </summary>
public sealed class TestGoogleSigner : IDisposable
{
    public TestGoogleSigner(string? kid = null)
    {
        Key = TestRsaKeys.Create();
        Kid = kid ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
    }

    public RSA Key { get; }

    /// <summary>40 hex digits, like Google's key ids.</summary>
    public string Kid { get; }

    /// <summary>This key as a JWKS entry (RFC 7517), as Google publishes it.</summary>
    public JsonObject Jwk()
    {
        var parameters = Key.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["alg"] = "RS256",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
    }

    /// <summary>The claims the metadata server puts in a <c>format=full</c> token for <paramref name="instance"/>.</summary>
    public static JsonObject IdentityClaims(FakeGceInstance instance, string audience, DateTimeOffset issuedAt, TimeSpan? lifetime = null) => new()
    {
        ["aud"] = audience,
        ["azp"] = "112179062720391305885",
        ["email"] = instance.ServiceAccounts[0],
        ["email_verified"] = true,
        ["exp"] = (issuedAt + (lifetime ?? TimeSpan.FromHours(1))).ToUnixTimeSeconds(),
        ["google"] = new JsonObject
        {
            ["compute_engine"] = new JsonObject
            {
                ["instance_creation_timestamp"] = instance.CreationTime.ToUnixTimeSeconds(),
                ["instance_id"] = instance.Id,
                ["instance_name"] = instance.Name,
                ["project_id"] = instance.Project,
                ["project_number"] = instance.ProjectNumber,
                ["zone"] = instance.Zone,
            },
        },
        ["iat"] = issuedAt.ToUnixTimeSeconds(),
        ["iss"] = "https://accounts.google.com",
        ["sub"] = "112179062720391305885",
    };

    public JsonObject Header(string alg = "RS256") => new() { ["alg"] = alg, ["kid"] = Kid, ["typ"] = "JWT" };

    /// <summary>header.payload signed RS256 with this key, or with <paramref name="signWith"/> (a forger's key).</summary>
    public string Mint(JsonObject claims, JsonObject? header = null, RSA? signWith = null)
    {
        var signingInput = Encode(header ?? Header()) + "." + Encode(claims);
        var signature = (signWith ?? Key).SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Header and claims given as raw JSON text (duplicate members, odd types), signed RS256 with this key.</summary>
    public string MintRaw(string headerJson, string claimsJson)
    {
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claimsJson));
        var signature = Key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary><c>alg: none</c> and an empty signature (RFC 7519 §6.1's unsecured JWT).</summary>
    public string MintUnsecured(JsonObject claims) => Encode(Header("none")) + "." + Encode(claims) + ".";

    /// <summary>HS256 keyed with <paramref name="secret"/>: the classic confusion attack keys it with the RSA public key.</summary>
    public string MintHs256(JsonObject claims, byte[] secret)
    {
        var signingInput = Encode(Header("HS256")) + "." + Encode(claims);
        return signingInput + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>This key's public half as PEM bytes, the secret an HS256 confusion attack uses.</summary>
    public byte[] PublicKeyPemBytes() => Encoding.ASCII.GetBytes(Key.ExportSubjectPublicKeyInfoPem());

    /// <summary>The token with its payload swapped for <paramref name="claims"/>, header and signature kept.</summary>
    public static string ReplaceClaims(string token, JsonObject claims)
    {
        var parts = token.Split('.');
        return parts[0] + "." + Encode(claims) + "." + parts[2];
    }

    public static string Encode(JsonNode json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    public void Dispose() => Key.Dispose();
}
