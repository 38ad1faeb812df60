using System.Text.Json.Nodes;
using VaultEc2Auth.Storage;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Tests.Storage;

/// <summary>
/// The in-memory copy of per-instance records is exact: it answers only with what storage held when a read or this
/// node's write finished, and asks storage again whenever that may no longer be so.
/// </summary>
public sealed class RecordCacheTests
{
    private const string Key = "instances/i-0123456789abcdef0";

    private readonly PausingStorage _storage = new() { LogsCalls = true };
    private readonly RecordCache _cache = new(InstanceRegistry.Prefix, capacity: 4);

    private static InstanceRecord Record(string role) =>
        new("i-0123456789abcdef0", "123456789012", "eu-central-1", role,
            new RenderedSet([new RenderedPolicy("ec2-instance-ab12", "path \"x\" {}")], [new RenderedObject("pki/roles/ec2-ab12", new JsonObject { ["max_ttl"] = "72h" })]),
            null, DateTimeOffset.UnixEpoch);

    private Task<InstanceRecord?> ReadAsync(string key = Key) =>
        _cache.ReadAsync(_storage, key, StorageJsonContext.Default.InstanceRecord, CancellationToken.None);

    private Task WriteAsync(InstanceRecord record, string key = Key) =>
        _cache.WriteAsync(_storage, key, record, StorageJsonContext.Default.InstanceRecord, CancellationToken.None);

    private Task PutInStorageAsync(InstanceRecord record, string key = Key) =>
        StoredJson.WriteAsync(_storage, key, record, StorageJsonContext.Default.InstanceRecord, CancellationToken.None);

    private int Reads(string key = Key) => _storage.Calls.Count(call => call == (StorageCall.Get, key));

    [Fact]
    public async Task A_record_read_twice_is_fetched_from_storage_once()
    {
        await PutInStorageAsync(Record("web"));

        await ReadAsync();
        var again = await ReadAsync();

        Assert.Equal("web", again!.Role);
        Assert.Equal(1, Reads());
    }

    [Fact]
    public async Task A_record_this_node_wrote_is_read_back_without_asking_storage()
    {
        await WriteAsync(Record("web"));

        Assert.Equal("web", (await ReadAsync())!.Role);
        Assert.Equal(0, Reads());
    }

    [Fact]
    public async Task A_missing_record_is_remembered_as_missing_until_this_node_writes_it()
    {
        Assert.Null(await ReadAsync());
        Assert.Null(await ReadAsync());
        Assert.Equal(1, Reads());

        await WriteAsync(Record("web"));

        Assert.Equal("web", (await ReadAsync())!.Role);
    }

    [Fact]
    public async Task A_record_this_node_deleted_is_read_back_as_missing()
    {
        await WriteAsync(Record("web"));

        await _cache.DeleteAsync(_storage, Key, CancellationToken.None);

        Assert.Null(await ReadAsync());
        Assert.Empty(_storage.Keys);
    }

    [Fact]
    public async Task A_write_storage_refused_leaves_nothing_cached_and_the_next_read_asks_storage()
    {
        await WriteAsync(Record("web"));
        _storage.ReadOnly = true;

        await Assert.ThrowsAsync<RequestException>(() => WriteAsync(Record("db")));

        Assert.Equal("web", (await ReadAsync())!.Role);
        Assert.Equal(1, Reads());
    }

    [Fact]
    public async Task A_delete_storage_refused_leaves_nothing_cached_and_the_next_read_asks_storage()
    {
        await WriteAsync(Record("web"));
        _storage.ReadOnly = true;

        await Assert.ThrowsAsync<RequestException>(() => _cache.DeleteAsync(_storage, Key, CancellationToken.None));

        Assert.Equal("web", (await ReadAsync())!.Role);
        Assert.Equal(1, Reads());
    }

    [Fact]
    public async Task A_cancelled_write_leaves_nothing_cached()
    {
        await PutInStorageAsync(Record("web"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var canceller = new CancellingStorage(_storage);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _cache.WriteAsync(canceller, Key, Record("db"), StorageJsonContext.Default.InstanceRecord, cancelled.Token));

        Assert.Equal("web", (await ReadAsync())!.Role);
        Assert.Equal(1, Reads());
    }

    [Fact]
    public async Task A_key_another_node_changed_is_read_again_after_Vault_invalidates_it()
    {
        await WriteAsync(Record("web"));
        await PutInStorageAsync(Record("db"));

        _cache.Invalidate(Key);

        Assert.Equal("db", (await ReadAsync())!.Role);
    }

    [Fact]
    public async Task An_invalidation_of_another_prefix_keeps_the_copy()
    {
        await WriteAsync(Record("web"));

        _cache.Invalidate("accesslist/i-0123456789abcdef0");

        await ReadAsync();
        Assert.Equal(0, Reads());
    }

    [Fact]
    public async Task A_read_that_fetched_the_old_record_while_this_node_wrote_a_new_one_does_not_cache_the_old_one()
    {
        await PutInStorageAsync(Record("web"));
        var readHeld = _storage.PauseNext(StorageCall.Get, Key);
        var reading = ReadAsync();
        await readHeld.Reached;

        await WriteAsync(Record("db"));
        readHeld.Release();
        Assert.Equal("web", (await reading)!.Role);

        Assert.Equal("db", (await ReadAsync())!.Role);
    }

    [Fact]
    public async Task A_read_that_fetched_the_old_record_before_Vault_invalidated_it_does_not_cache_the_old_one()
    {
        await PutInStorageAsync(Record("web"));
        var readHeld = _storage.PauseNext(StorageCall.Get, Key);
        var reading = ReadAsync();
        await readHeld.Reached;

        await PutInStorageAsync(Record("db"));
        _cache.Invalidate(Key);
        readHeld.Release();
        await reading;

        Assert.Equal("db", (await ReadAsync())!.Role);
    }

    [Fact]
    public async Task A_read_made_while_a_write_was_in_flight_is_not_cached()
    {
        await PutInStorageAsync(Record("web"));
        var writeHeld = _storage.PauseNext(StorageCall.Put, Key);
        var writing = WriteAsync(Record("db"));
        await writeHeld.Reached;

        Assert.Equal("web", (await ReadAsync())!.Role);
        writeHeld.Release();
        await writing;

        Assert.Equal("db", (await ReadAsync())!.Role);
    }

    [Fact]
    public async Task Two_writes_of_one_key_in_flight_at_once_leave_nothing_cached()
    {
        var firstHeld = _storage.PauseNext(StorageCall.Put, Key);
        var first = WriteAsync(Record("web"));
        await firstHeld.Reached;
        await WriteAsync(Record("db"));

        firstHeld.Release();
        await first;

        // Storage holds whichever landed last ("web" here); the copy must not claim the other.
        Assert.Equal("web", (await ReadAsync())!.Role);
        Assert.Equal(1, Reads());
    }

    [Fact]
    public async Task The_copy_holds_at_most_its_capacity_and_drops_the_least_recently_used_key()
    {
        for (var i = 0; i < 4; i++)
        {
            await WriteAsync(Record("web"), $"instances/i-{i}");
        }
        await ReadAsync("instances/i-0");

        await WriteAsync(Record("web"), "instances/i-4");

        Assert.Equal(4, _cache.Count);
        await ReadAsync("instances/i-0");
        await ReadAsync("instances/i-1");
        Assert.Equal(0, Reads("instances/i-0"));
        Assert.Equal(1, Reads("instances/i-1"));
    }

    [Fact]
    public async Task A_reader_that_changes_the_record_it_got_does_not_change_the_copy()
    {
        await WriteAsync(Record("web"));

        var mine = await ReadAsync();
        mine!.Applied.Objects[0].Data["max_ttl"] = "999h";

        Assert.Equal("72h", (await ReadAsync())!.Applied.Objects[0].Data["max_ttl"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_corrupt_stored_record_is_reported_on_every_read_without_its_content()
    {
        await _storage.PutAsync(new StorageEntry(Key, "{\"instance_id\": \"secret-looking"u8.ToArray()), CancellationToken.None);

        for (var i = 0; i < 2; i++)
        {
            var failure = await RequestAssert.ServerErrorAsync(() => ReadAsync());
            Assert.DoesNotContain("secret-looking", failure.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Storage whose writes honour cancellation before reaching the store, as the broker's gRPC call does.</summary>
    private sealed class CancellingStorage(IStorage inner) : IStorage
    {
        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

        public Task<StorageEntry?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public Task PutAsync(StorageEntry entry, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return inner.PutAsync(entry, cancellationToken);
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return inner.DeleteAsync(key, cancellationToken);
        }
    }
}
