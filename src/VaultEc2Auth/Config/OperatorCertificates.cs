using VaultEc2Auth.Identity;
using VaultEc2Auth.Storage;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Config;

/// <summary>
/// Certificates operators registered, as the verifier needs them at every login. Cached as one list, dropped
/// when any certificate changes here or on another node.
/// </summary>
public sealed class OperatorCertificates
{
    public const string Prefix = "config/certificate/";

    private readonly ReadGuardedCache<IReadOnlyList<OperatorCertificate>> _cached = new();

    public async Task<IReadOnlyList<OperatorCertificate>> AllAsync(IStorage storage, CancellationToken cancellationToken)
    {
        if (_cached.Value is { } hit)
        {
            return hit;
        }

        var readBegan = _cached.BeginRead();
        var certificates = new List<OperatorCertificate>();
        foreach (var name in await storage.ListAsync(Prefix, cancellationToken).ConfigureAwait(false))
        {
            if (await GetAsync(storage, name, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                certificates.Add(new OperatorCertificate(name, entry.Use, entry.Der));
            }
        }

        _cached.Fill(readBegan, certificates);
        return certificates;
    }

    public Task<CertificateEntry?> GetAsync(IStorage storage, string name, CancellationToken cancellationToken) =>
        StoredJson.ReadAsync(storage, Prefix + name, StorageJsonContext.Default.CertificateEntry, cancellationToken);

    public async Task PutAsync(IStorage storage, string name, CertificateEntry entry, CancellationToken cancellationToken)
    {
        _cached.Drop();
        await StoredJson.WriteAsync(storage, Prefix + name, entry, StorageJsonContext.Default.CertificateEntry, cancellationToken).ConfigureAwait(false);
        _cached.Drop();
    }

    public async Task DeleteAsync(IStorage storage, string name, CancellationToken cancellationToken)
    {
        _cached.Drop();
        await storage.DeleteAsync(Prefix + name, cancellationToken).ConfigureAwait(false);
        _cached.Drop();
    }

    public void Invalidate(string key)
    {
        if (key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            _cached.Drop();
        }
    }
}
