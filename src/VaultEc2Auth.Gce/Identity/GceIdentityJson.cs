using System.Text.Json;
using System.Text.Json.Serialization;

namespace VaultEc2Auth.Gce.Identity;

/// <summary>A JWT's JOSE header (RFC 7515 §4). <c>crit</c> is read only to refuse tokens that carry it.</summary>
internal sealed record JoseHeader(
    [property: JsonPropertyName("alg")] string? Alg,
    [property: JsonPropertyName("kid")] string? Kid,
    [property: JsonPropertyName("typ")] string? Typ,
    [property: JsonPropertyName("crit")] JsonElement? Crit);

/// <summary>The claims of a GCE instance identity token (docs/gce.md "The token").</summary>
internal sealed record IdentityClaims(
    [property: JsonPropertyName("iss")] string? Iss,
    [property: JsonPropertyName("aud")] string? Aud,
    [property: JsonPropertyName("exp")] long? Exp,
    [property: JsonPropertyName("iat")] long? Iat,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("email_verified")] bool? EmailVerified,
    [property: JsonPropertyName("google")] GoogleClaims? Google);

internal sealed record GoogleClaims([property: JsonPropertyName("compute_engine")] ComputeEngineClaims? ComputeEngine);

internal sealed record ComputeEngineClaims(
    [property: JsonPropertyName("project_id")] string? ProjectId,
    [property: JsonPropertyName("project_number")] long? ProjectNumber,
    [property: JsonPropertyName("zone")] string? Zone,
    [property: JsonPropertyName("instance_id")] string? InstanceId,
    [property: JsonPropertyName("instance_name")] string? InstanceName,
    [property: JsonPropertyName("instance_creation_timestamp")] long? InstanceCreationTimestamp);

/// <summary>A JSON Web Key Set (RFC 7517 §5), as Google publishes its signing keys.</summary>
internal sealed record JsonWebKeySet([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKey>? Keys);

internal sealed record JsonWebKey(
    [property: JsonPropertyName("kty")] string? Kty,
    [property: JsonPropertyName("alg")] string? Alg,
    [property: JsonPropertyName("use")] string? Use,
    [property: JsonPropertyName("kid")] string? Kid,
    [property: JsonPropertyName("n")] string? N,
    [property: JsonPropertyName("e")] string? E);

/// <summary>
/// Source-generated (Native AOT) and strict: a property given twice is an error, not "last one wins", so a
/// token cannot show one verifier a claim and another verifier a different one.
/// </summary>
[JsonSourceGenerationOptions(AllowDuplicateProperties = false)]
[JsonSerializable(typeof(JoseHeader))]
[JsonSerializable(typeof(IdentityClaims))]
[JsonSerializable(typeof(JsonWebKeySet))]
internal sealed partial class GceIdentityJsonContext : JsonSerializerContext;
