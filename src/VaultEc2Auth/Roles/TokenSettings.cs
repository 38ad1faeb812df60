using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Roles;

/// <summary>
/// Vault's standard <c>token_*</c> role fields (sdk/helper/tokenutil), with Vault's meaning. Durations are
/// stored and read back as whole seconds.
/// </summary>
public sealed record TokenSettings(
    long TtlSeconds,
    long MaxTtlSeconds,
    long ExplicitMaxTtlSeconds,
    long PeriodSeconds,
    IReadOnlyList<string> Policies,
    IReadOnlyList<string> BoundCidrs,
    bool NoDefaultPolicy,
    long NumUses,
    string Type)
{
    public static TokenSettings Default { get; } = new(0, 0, 0, 0, [], [], false, 0, "default");

    public TokenType WireType => Type switch
    {
        "service" => TokenType.Service,
        "batch" => TokenType.Batch,
        "default-service" => TokenType.DefaultService,
        "default-batch" => TokenType.DefaultBatch,
        _ => TokenType.Default,
    };

    /// <summary>Batch tokens cannot be renewed; every other kind this plugin issues can.</summary>
    public bool Renewable => WireType != TokenType.Batch;
}
