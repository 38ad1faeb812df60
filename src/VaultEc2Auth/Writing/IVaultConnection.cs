namespace VaultEc2Auth.Writing;

/// <summary>
/// The <c>config/vault</c> settings. <see cref="Token"/> is a secret: never returned on read, never logged,
/// never in an error message.
/// </summary>
public sealed record VaultConnectionSettings(
    string Address,
    string Token,
    string? CaCertPem,
    string? TlsServerName,
    bool TlsSkipVerify,
    string? Namespace)
{
    public override string ToString() =>
        $"VaultConnectionSettings {{ Address = {Address}, Token = (hidden), Namespace = {Namespace} }}";
}

/// <summary>What <c>auth/token/lookup-self</c> says about the writer's token (reported on config write).</summary>
public sealed record TokenInfo(IReadOnlyList<string> Policies, long TtlSeconds, bool Renewable, string? DisplayName);

/// <summary>A live connection to Vault's HTTP API with the plugin's token; renews that token in the background.</summary>
public interface IVaultConnection : IVaultWriter, IAsyncDisposable
{
    /// <summary>Looks the token up; starts background renewal before expiry when it is renewable.</summary>
    Task<TokenInfo> LookupSelfAsync(CancellationToken cancellationToken);
}

public interface IVaultConnectionFactory
{
    IVaultConnection Connect(VaultConnectionSettings settings);
}
