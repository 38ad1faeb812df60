using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;
using VaultPlugin.Sdk.Testing;

namespace VaultEc2Auth.TestSupport;

/// <summary>Which storage call a <see cref="StoragePause"/> holds, and where: reads after reading, writes before writing.</summary>
public enum StorageCall { Get, List, Put, Delete }

/// <summary>A one-shot pause in a storage call: the test waits for <see cref="Reached"/>, acts, then releases.</summary>
public sealed class StoragePause(StorageCall call, string key)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StorageCall Call => call;

    public string Key => key;

    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    internal Task HoldAsync()
    {
        _reached.TrySetResult();
        return _released.Task;
    }
}

/// <summary>
/// In-memory storage whose calls a test can hold at a chosen point, to replay an interleaving of concurrent requests
/// deterministically (a read that has read but not yet returned, a write about to happen).
/// </summary>
public sealed class PausingStorage : IStorage
{
    private readonly InMemoryStorage _inner = new();
    private readonly Lock _gate = new();
    private readonly List<StoragePause> _pauses = [];
    private readonly List<(StorageCall Call, string Key)> _calls = [];

    public IReadOnlyCollection<string> Keys => _inner.Keys;

    /// <summary>Whether <see cref="Calls"/> records calls (off by default: a fuzz campaign makes millions).</summary>
    public bool LogsCalls { get; set; }

    /// <summary>Every call made while <see cref="LogsCalls"/> was on, in order, with its key (the prefix, for List).</summary>
    public IReadOnlyList<(StorageCall Call, string Key)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Refuse writes and deletes as a standby's storage does (Vault's text, kind Storage).</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Holds the next <paramref name="call"/> on <paramref name="key"/> (the prefix, for List) until released.</summary>
    public StoragePause PauseNext(StorageCall call, string key)
    {
        var pause = new StoragePause(call, key);
        lock (_gate)
        {
            _pauses.Add(pause);
        }

        return pause;
    }

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var children = await _inner.ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        await HoldAsync(StorageCall.List, prefix).ConfigureAwait(false);
        return children;
    }

    public async Task<StorageEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await _inner.GetAsync(key, cancellationToken).ConfigureAwait(false);
        await HoldAsync(StorageCall.Get, key).ConfigureAwait(false);
        return entry;
    }

    public async Task PutAsync(StorageEntry entry, CancellationToken cancellationToken)
    {
        await HoldAsync(StorageCall.Put, entry.Key).ConfigureAwait(false);
        RefuseIfReadOnly();
        await _inner.PutAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await HoldAsync(StorageCall.Delete, key).ConfigureAwait(false);
        RefuseIfReadOnly();
        await _inner.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
    }

    private void RefuseIfReadOnly()
    {
        if (ReadOnly)
        {
            throw new RequestException(RequestErrorKind.Storage, "cannot write to readonly storage");
        }
    }

    private Task HoldAsync(StorageCall call, string key)
    {
        StoragePause? pause;
        lock (_gate)
        {
            if (LogsCalls)
            {
                _calls.Add((call, key));
            }

            pause = _pauses.FirstOrDefault(candidate => candidate.Call == call && candidate.Key == key);
            if (pause is not null)
            {
                _pauses.Remove(pause);
            }
        }

        return pause?.HoldAsync() ?? Task.CompletedTask;
    }
}
