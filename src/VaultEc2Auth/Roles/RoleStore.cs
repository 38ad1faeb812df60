using System.Collections.Concurrent;
using VaultEc2Auth.Storage;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Roles;

/// <summary>
/// Roles and their templates in storage (<c>roles/&lt;name&gt;</c>, <c>templates/&lt;role&gt;/&lt;name&gt;</c>).
/// Every login and renewal reads all roles and one role's templates, so roles, the role list and each role's
/// templates are cached, and dropped on writes here and on invalidation from other nodes.
/// </summary>
public sealed class RoleStore
{
    public const string RolePrefix = "roles/";
    public const string TemplatePrefix = "templates/";

    private readonly ConcurrentDictionary<string, CachedEntry<RoleEntry>> _roles = new(StringComparer.Ordinal);
    private readonly ReadGuardedCache<IReadOnlyList<string>> _roleNames = new();
    private readonly ConcurrentDictionary<string, ReadGuardedCache<IReadOnlyList<TemplateEntry>>> _templates = new(StringComparer.Ordinal);

    public async Task<RoleEntry?> GetAsync(IStorage storage, string name, CancellationToken cancellationToken) =>
        await Role(name).GetAsync(storage, cancellationToken).ConfigureAwait(false);

    public async Task PutAsync(IStorage storage, RoleEntry role, CancellationToken cancellationToken)
    {
        _roleNames.Drop();
        await Role(role.Name).PutAsync(storage, role, cancellationToken).ConfigureAwait(false);
        _roleNames.Drop();
    }

    public async Task DeleteAsync(IStorage storage, string name, CancellationToken cancellationToken)
    {
        _roleNames.Drop();
        foreach (var template in await ListTemplatesAsync(storage, name, cancellationToken).ConfigureAwait(false))
        {
            await storage.DeleteAsync(TemplateKey(name, template), cancellationToken).ConfigureAwait(false);
        }

        await Role(name).DeleteAsync(storage, cancellationToken).ConfigureAwait(false);
        _roleNames.Drop();
        Templates(name).Drop();
    }

    public async Task<IReadOnlyList<string>> ListAsync(IStorage storage, CancellationToken cancellationToken)
    {
        if (_roleNames.Value is { } cached)
        {
            return cached;
        }

        var readBegan = _roleNames.BeginRead();
        var names = (await storage.ListAsync(RolePrefix, cancellationToken).ConfigureAwait(false)).Where(name => !name.EndsWith('/')).ToList();
        _roleNames.Fill(readBegan, names);
        return names;
    }

    public async Task<IReadOnlyList<RoleEntry>> AllAsync(IStorage storage, CancellationToken cancellationToken)
    {
        var roles = new List<RoleEntry>();
        foreach (var name in await ListAsync(storage, cancellationToken).ConfigureAwait(false))
        {
            if (await GetAsync(storage, name, cancellationToken).ConfigureAwait(false) is { } role)
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    public Task<TemplateEntry?> GetTemplateAsync(IStorage storage, string role, string name, CancellationToken cancellationToken) =>
        StoredJson.ReadAsync(storage, TemplateKey(role, name), StorageJsonContext.Default.TemplateEntry, cancellationToken);

    public async Task PutTemplateAsync(IStorage storage, string role, TemplateEntry template, CancellationToken cancellationToken)
    {
        Templates(role).Drop();
        await StoredJson.WriteAsync(storage, TemplateKey(role, template.Name), template, StorageJsonContext.Default.TemplateEntry, cancellationToken).ConfigureAwait(false);
        Templates(role).Drop();
    }

    public async Task DeleteTemplateAsync(IStorage storage, string role, string name, CancellationToken cancellationToken)
    {
        Templates(role).Drop();
        await storage.DeleteAsync(TemplateKey(role, name), cancellationToken).ConfigureAwait(false);
        Templates(role).Drop();
    }

    public async Task<IReadOnlyList<string>> ListTemplatesAsync(IStorage storage, string role, CancellationToken cancellationToken) =>
        [.. (await storage.ListAsync($"{TemplatePrefix}{CanonicalName(role)}/", cancellationToken).ConfigureAwait(false)).Where(name => !name.EndsWith('/'))];

    public async Task<IReadOnlyList<TemplateEntry>> TemplatesOfAsync(IStorage storage, string role, CancellationToken cancellationToken)
    {
        var cache = Templates(role);
        if (cache.Value is { } cached)
        {
            return cached;
        }

        var readBegan = cache.BeginRead();
        var templates = new List<TemplateEntry>();
        foreach (var name in await ListTemplatesAsync(storage, role, cancellationToken).ConfigureAwait(false))
        {
            if (await GetTemplateAsync(storage, role, name, cancellationToken).ConfigureAwait(false) is { } template)
            {
                templates.Add(template);
            }
        }

        cache.Fill(readBegan, templates);
        return templates;
    }

    /// <summary>A storage key changed on another node.</summary>
    public void Invalidate(string key)
    {
        if (key.StartsWith(RolePrefix, StringComparison.Ordinal))
        {
            _roleNames.Drop();
            if (_roles.TryGetValue(key[RolePrefix.Length..], out var role))
            {
                role.Invalidate(key);
            }
        }
        else if (key.StartsWith(TemplatePrefix, StringComparison.Ordinal) && key.IndexOf('/', TemplatePrefix.Length) is var slash and > 0)
        {
            Templates(key[TemplatePrefix.Length..slash]).Drop();
        }
    }

    /// <summary>
    /// Role names are case-insensitive and stored lower-case, as Vault's aws method does: <c>roles/Web.Servers</c>
    /// and <c>templates/Web.Servers/…</c> are <c>web.servers</c>. Every name passes through here.
    /// </summary>
    public static string CanonicalName(string role) => role.ToLowerInvariant();

    private static string TemplateKey(string role, string name) => $"{TemplatePrefix}{CanonicalName(role)}/{name}";

    private ReadGuardedCache<IReadOnlyList<TemplateEntry>> Templates(string role) =>
        _templates.GetOrAdd(CanonicalName(role), _ => new ReadGuardedCache<IReadOnlyList<TemplateEntry>>());

    private CachedEntry<RoleEntry> Role(string name) =>
        _roles.GetOrAdd(CanonicalName(name), key => new CachedEntry<RoleEntry>(RolePrefix + key, StorageJsonContext.Default.RoleEntry));
}
