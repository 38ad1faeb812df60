namespace VaultEc2Auth.Login;

/// <summary>
/// <c>accesslist/&lt;instance id&gt;</c>: what the last successful login of an instance left behind. Only a salted
/// hash of the nonce is kept, so a storage reader cannot replay it.
/// </summary>
public sealed record AccessListEntry(
    string Role,
    string? NonceSalt,
    string? NonceHash,
    bool DisallowReauthentication,
    DateTimeOffset PendingTime,
    DateTimeOffset CreationTime,
    DateTimeOffset LastUpdatedTime,
    DateTimeOffset ExpirationTime);
