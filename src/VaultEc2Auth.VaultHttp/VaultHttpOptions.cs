namespace VaultEc2Auth.VaultHttp;

/// <summary>How the writer talks to Vault, beyond the operator's <c>config/vault</c> settings.</summary>
public sealed record VaultHttpOptions
{
    /// <summary>Upper bound for one request; a hung Vault must not hold a login forever.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound for opening a connection to one address before the writer tries the next.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest response body accepted; Vault's answers to the writer are a few KiB.</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Clock for token renewal; tests pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Receives one line per background or best-effort failure (rollback, renewal). Never carries the token.</summary>
    public Action<string> Log { get; init; } = static _ => { };
}
