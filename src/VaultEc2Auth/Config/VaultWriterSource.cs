using VaultEc2Auth.Failures;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Config;

/// <summary>
/// The live connection to Vault's HTTP API built from <c>config/vault</c>: created on first use, replaced when the
/// configuration changes here or on another node, disposed (stopping token renewal) on cleanup.
/// </summary>
public sealed class VaultWriterSource(CachedEntry<VaultConfigEntry> config, IVaultConnectionFactory factory) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (VaultConfigEntry Config, IVaultConnection Connection)? _current;

    public async Task<(VaultConfigEntry Config, IVaultConnection Connection)> GetAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var entry = await config.GetAsync(storage, cancellationToken).ConfigureAwait(false)
                    ?? throw new UpstreamFailure(Upstream.Vault, UpstreamProblem.NotConfigured,
                        "Vault: the plugin has no config/vault; an operator must write the address and token it writes with");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } current && current.Config == entry)
            {
                return current;
            }

            if (_current is { } stale)
            {
                _current = null;
                await stale.Connection.DisposeAsync().ConfigureAwait(false);
            }

            // Kept only once its lookup succeeded: the lookup starts the token's background renewal, so a connection
            // whose first lookup failed (Vault briefly unreachable) would otherwise serve every later login unrenewed.
            var connection = factory.Connect(entry.ToSettings());
            try
            {
                await connection.LookupSelfAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _current = (entry, connection);
            return (entry, connection);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_current is { } current)
            {
                await current.Connection.DisposeAsync().ConfigureAwait(false);
                _current = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
