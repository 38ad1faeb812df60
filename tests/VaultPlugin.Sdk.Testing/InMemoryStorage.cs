using System.Collections.Concurrent;
using VaultPlugin.Sdk.Host;

namespace VaultPlugin.Sdk.Testing;

/// <summary>A mount's storage in process memory, for unit tests of backends built on the Sdk.</summary>
public sealed class InMemoryStorage : IStorage
{
    private readonly ConcurrentDictionary<string, StorageEntry> _entries = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var children = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in _entries.Keys)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = key[prefix.Length..];
            var slash = rest.IndexOf('/');
            children.Add(slash < 0 ? rest : rest[..(slash + 1)]);
        }

        return Task.FromResult<IReadOnlyList<string>>([.. children]);
    }

    public Task<StorageEntry?> GetAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.TryGetValue(key, out var entry) ? entry : null);

    public Task PutAsync(StorageEntry entry, CancellationToken cancellationToken)
    {
        _entries[entry.Key] = entry with { Value = [.. entry.Value] };
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public IReadOnlyCollection<string> Keys => [.. _entries.Keys];
}
