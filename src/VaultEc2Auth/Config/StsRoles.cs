using VaultEc2Auth.Instances;
using VaultEc2Auth.Storage;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Config;

/// <summary>
/// The <c>config/sts/&lt;account_id&gt;</c> entries, as every login needs the one of its document's account.
/// Cached as one map, dropped when any entry changes here or on another node.
/// </summary>
public sealed class StsRoles
{
    public const string Prefix = "config/sts/";

    private readonly ReadGuardedCache<IReadOnlyDictionary<string, AccountStsRole>> _cached = new();

    /// <summary>The role to assume for <paramref name="accountId"/>, or null to use config/client's credentials.</summary>
    public async Task<AccountStsRole?> ForAccountAsync(IStorage storage, string accountId, CancellationToken cancellationToken)
    {
        var all = _cached.Value ?? await LoadAsync(storage, cancellationToken).ConfigureAwait(false);
        return all.GetValueOrDefault(accountId);
    }

    public Task<AccountStsRole?> GetAsync(IStorage storage, string accountId, CancellationToken cancellationToken) =>
        StoredJson.ReadAsync(storage, Prefix + accountId, StorageJsonContext.Default.AccountStsRole, cancellationToken);

    public async Task PutAsync(IStorage storage, string accountId, AccountStsRole entry, CancellationToken cancellationToken)
    {
        _cached.Drop();
        await StoredJson.WriteAsync(storage, Prefix + accountId, entry, StorageJsonContext.Default.AccountStsRole, cancellationToken).ConfigureAwait(false);
        _cached.Drop();
    }

    public async Task DeleteAsync(IStorage storage, string accountId, CancellationToken cancellationToken)
    {
        _cached.Drop();
        await storage.DeleteAsync(Prefix + accountId, cancellationToken).ConfigureAwait(false);
        _cached.Drop();
    }

    public void Invalidate(string key)
    {
        if (key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            _cached.Drop();
        }
    }

    private async Task<IReadOnlyDictionary<string, AccountStsRole>> LoadAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var readBegan = _cached.BeginRead();
        var roles = new Dictionary<string, AccountStsRole>(StringComparer.Ordinal);
        foreach (var accountId in await storage.ListAsync(Prefix, cancellationToken).ConfigureAwait(false))
        {
            if (await GetAsync(storage, accountId, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                roles[accountId] = entry;
            }
        }

        _cached.Fill(readBegan, roles);
        return roles;
    }
}
