using VaultEc2Auth.Sdk.Framework;
using VaultEc2Auth.Sdk.Host;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Writing;

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
                    ?? throw RequestException.Coded(500, "the plugin has no config/vault: an operator must configure the Vault address and token the plugin writes with");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } current && current.Config == entry)
            {
                return current;
            }

            if (_current is { } stale)
            {
                await stale.Connection.DisposeAsync().ConfigureAwait(false);
            }

            var connection = factory.Connect(entry.ToSettings());
            _current = (entry, connection);
            await connection.LookupSelfAsync(cancellationToken).ConfigureAwait(false);
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
