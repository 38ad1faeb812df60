using System.Text.Json.Serialization;

namespace VaultEc2Auth.Gce.Instances;

/// <summary>The fields of a Compute Engine <c>Instance</c> resource the describer reads (docs/gce.md "Compute").</summary>
internal sealed record ComputeInstance(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("zone")] string? Zone,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("creationTimestamp")] string? CreationTimestamp,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels,
    [property: JsonPropertyName("serviceAccounts")] IReadOnlyList<ComputeServiceAccount>? ServiceAccounts,
    [property: JsonPropertyName("networkInterfaces")] IReadOnlyList<ComputeNetworkInterface>? NetworkInterfaces);

/// <summary>A page of <c>instances.list</c>.</summary>
internal sealed record ComputeInstanceList(
    [property: JsonPropertyName("items")] IReadOnlyList<ComputeInstance>? Items,
    [property: JsonPropertyName("nextPageToken")] string? NextPageToken);

internal sealed record ComputeServiceAccount([property: JsonPropertyName("email")] string? Email);

internal sealed record ComputeNetworkInterface([property: JsonPropertyName("networkIP")] string? NetworkIp);

/// <summary>Google's JSON error envelope: <c>{"error":{"code":404,"message":"…","status":"NOT_FOUND","errors":[{"reason":"notFound"}]}}</c>.</summary>
internal sealed record GoogleErrorEnvelope([property: JsonPropertyName("error")] GoogleError? Error);

internal sealed record GoogleError(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("errors")] IReadOnlyList<GoogleErrorItem>? Errors);

internal sealed record GoogleErrorItem([property: JsonPropertyName("reason")] string? Reason);

/// <summary>A service-account JSON key as the Cloud console downloads it.</summary>
internal sealed record ServiceAccountKeyJson(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("client_email")] string? ClientEmail,
    [property: JsonPropertyName("private_key")] string? PrivateKey,
    [property: JsonPropertyName("private_key_id")] string? PrivateKeyId,
    [property: JsonPropertyName("token_uri")] string? TokenUri);

/// <summary>What an OAuth2 token endpoint (or the metadata server) answers (RFC 6749 §5.1, §5.2).</summary>
internal sealed record AccessTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);

/// <summary>The JOSE header and claims of the service account's signed assertion (RFC 7523).</summary>
internal sealed record AssertionHeader(
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("typ")] string Typ,
    [property: JsonPropertyName("kid")] string Kid);

internal sealed record AssertionClaims(
    [property: JsonPropertyName("iss")] string Iss,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("aud")] string Aud,
    [property: JsonPropertyName("iat")] long Iat,
    [property: JsonPropertyName("exp")] long Exp);

[JsonSourceGenerationOptions(AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ComputeInstance))]
[JsonSerializable(typeof(ComputeInstanceList))]
[JsonSerializable(typeof(GoogleErrorEnvelope))]
[JsonSerializable(typeof(ServiceAccountKeyJson))]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(AssertionHeader))]
[JsonSerializable(typeof(AssertionClaims))]
internal sealed partial class ComputeJsonContext : JsonSerializerContext;
