using System.Text.Json.Nodes;

namespace VaultPlugin.Sdk.Framework;

/// <summary>Vault's operation names as they arrive in <c>Request.operation</c> (docs/protocol.md §5.6).</summary>
public static class Operations
{
    public const string Create = "create";
    public const string Read = "read";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string List = "list";
    public const string Help = "help";
    public const string Renew = "renew";
    public const string Rollback = "rollback";
    public const string ResolveRole = "resolve-role";
    public const string AliasLookahead = "alias-lookahead";
}

/// <summary>One request from Vault, decoded from pb.Request. <see cref="Data"/> is the JSON body (null for none).</summary>
public sealed record LogicalRequest
{
    public required string Operation { get; init; }
    public required string Path { get; init; }
    public JsonObject? Data { get; init; }
    public string Id { get; init; } = "";
    public string MountPoint { get; init; } = "";
    public string? RemoteAddress { get; init; }
    public bool Unauthenticated { get; init; }

    /// <summary>On <c>renew</c>: the Auth Vault stored at login, with the original issue time and the increment.</summary>
    public AuthData? Auth { get; init; }
}
