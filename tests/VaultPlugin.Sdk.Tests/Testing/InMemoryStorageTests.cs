using System.Text;
using VaultPlugin.Sdk.Host;
using VaultPlugin.Sdk.Testing;

namespace VaultPlugin.Sdk.Tests.Testing;

public sealed class InMemoryStorageTests
{
    private readonly InMemoryStorage _storage = new();
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    private Task Put(string key, string value = "v") => _storage.PutAsync(new StorageEntry(key, Encoding.UTF8.GetBytes(value)), _cancellation);

    [Fact]
    public async Task List_returns_direct_children_with_folders_ending_in_a_slash()
    {
        await Put("roles/web");
        await Put("roles/db");
        await Put("roles/web/templates/policy");
        await Put("roles/web/templates/pki");
        await Put("config");

        Assert.Equal(["db", "web", "web/"], await _storage.ListAsync("roles/", _cancellation));
        Assert.Equal(["config", "roles/"], await _storage.ListAsync("", _cancellation));
        Assert.Equal(["templates/"], await _storage.ListAsync("roles/web/", _cancellation));
    }

    [Fact]
    public async Task List_of_an_unknown_prefix_is_empty()
    {
        await Put("roles/web");

        Assert.Empty(await _storage.ListAsync("instances/", _cancellation));
    }

    [Fact]
    public async Task Get_of_a_missing_key_is_null()
    {
        Assert.Null(await _storage.GetAsync("missing", _cancellation));
    }

    [Fact]
    public async Task Put_then_get_returns_a_copy_of_the_value()
    {
        var value = Encoding.UTF8.GetBytes("original");
        await _storage.PutAsync(new StorageEntry("k", value, SealWrap: true), _cancellation);
        value[0] = (byte)'X';

        var entry = await _storage.GetAsync("k", _cancellation);

        Assert.Equal("original", Encoding.UTF8.GetString(entry!.Value));
        Assert.True(entry.SealWrap);
    }

    [Fact]
    public async Task Delete_is_idempotent()
    {
        await Put("k");

        await _storage.DeleteAsync("k", _cancellation);
        await _storage.DeleteAsync("k", _cancellation);

        Assert.Null(await _storage.GetAsync("k", _cancellation));
        Assert.Empty(_storage.Keys);
    }
}
