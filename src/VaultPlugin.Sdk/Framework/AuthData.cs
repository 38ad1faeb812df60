using System.Text.Json.Nodes;

namespace VaultPlugin.Sdk.Framework;

/// <summary>Token type as Vault numbers it in pb.Auth.token_type.</summary>
public enum TokenType : uint { Default = 0, Service = 1, Batch = 2, DefaultService = 3, DefaultBatch = 4 }

/// <summary>
/// The auth block of a login or renewal response (docs/protocol.md §5.7). Durations are TimeSpans here and
/// nanoseconds on the wire. <see cref="Original"/> keeps what Vault sent on renew, so fields this plugin does not
/// model (client token, accessor, token policies) go back unchanged.
/// </summary>
public sealed record AuthData
{
    public IReadOnlyList<string> Policies { get; init; } = [];
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public string DisplayName { get; init; } = "";
    public string AliasName { get; init; } = "";
    public JsonObject InternalData { get; init; } = [];
    public TimeSpan Ttl { get; init; }
    public TimeSpan MaxTtl { get; init; }
    public bool Renewable { get; init; }
    public TimeSpan Period { get; init; }
    public TimeSpan ExplicitMaxTtl { get; init; }
    public long NumUses { get; init; }
    public IReadOnlyList<string> BoundCidrs { get; init; } = [];
    public TokenType TokenType { get; init; }
    public bool NoDefaultPolicy { get; init; }

    /// <summary>On renew: the increment the caller asked for.</summary>
    public TimeSpan Increment { get; init; }

    /// <summary>On renew: when the token was first issued.</summary>
    public DateTimeOffset? IssueTime { get; init; }

    internal Protocol.Auth? Original { get; init; }
}
