using VaultEc2Auth.Login;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Tests.Login;

/// <summary>
/// A login reads the access-list entry, the registry record and the ownership claims from this node's exact copy
/// (RecordCache) when it has them, and every safety check still sees what storage holds: a write storage refused
/// binds nothing, and what another node changed counts as soon as Vault invalidates it.
/// </summary>
public sealed class LoginStorageCacheTests
{
    private const string Nonce = "5defbf9e-a8f9-3063-bdfc-54b7a42a1f95";
    private const string OtherNonce = "0c0ffee0-0000-4000-8000-000000000001";

    private readonly Ec2AuthHarness _plugin = new();

    public LoginStorageCacheTests() => _plugin.Storage.LogsCalls = true;

    private static bool PerInstance(string key) =>
        key.StartsWith(AccessList.Prefix, StringComparison.Ordinal) || key.StartsWith(InstanceRegistry.Prefix, StringComparison.Ordinal) ||
        key.StartsWith(OwnershipIndex.Prefix, StringComparison.Ordinal);

    private async Task<LaunchedInstance> LoggedInAsync()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, Nonce);
        return instance;
    }

    /// <summary>Another node of the cluster on the same storage (a performance standby, or the next active node).</summary>
    private PluginBackend OtherNode()
    {
        var definition = _plugin.Factory.Create(new BackendSetup(_plugin.Storage, _plugin.SystemView, new Dictionary<string, string>(), "backend-uuid"));
        return new PluginBackend(definition, _plugin.Storage, _plugin.SystemView, "v0.1.0");
    }

    [Fact]
    public async Task Relogin_reads_no_per_instance_record_from_storage_and_writes_only_the_access_list_entry()
    {
        var instance = await LoggedInAsync();
        var before = _plugin.Storage.Calls.Count;

        await _plugin.LoginAsync(instance.Pkcs7, Nonce);

        var calls = _plugin.Storage.Calls.Skip(before).Where(call => PerInstance(call.Key)).ToList();
        Assert.Equal([(StorageCall.Put, AccessList.Prefix + instance.InstanceId)], calls);
    }

    [Fact]
    public async Task Relogin_still_stores_the_new_pending_time_in_storage()
    {
        var instance = await LoggedInAsync();
        var later = _plugin.DocumentWithPendingTime(instance, Ec2AuthHarness.Start.AddMinutes(-5));

        await _plugin.LoginAsync(later, Nonce);

        Assert.Equal(Ec2AuthHarness.Start.AddMinutes(-5), (await _plugin.AccessListEntryAsync(instance.InstanceId))!.PendingTime);
    }

    [Fact]
    public async Task First_login_whose_access_list_write_storage_refused_binds_no_nonce()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        var accessListWrite = _plugin.Storage.PauseNext(StorageCall.Put, AccessList.Prefix + instance.InstanceId);
        var refused = _plugin.LoginAsync(instance.Pkcs7, Nonce);
        await accessListWrite.Reached;
        _plugin.Storage.ReadOnly = true;
        accessListWrite.Release();
        await Assert.ThrowsAsync<RequestException>(() => refused);
        _plugin.Storage.ReadOnly = false;

        var auth = await _plugin.LoginAsync(instance.Pkcs7, OtherNonce);

        Assert.Equal(instance.InstanceId, auth.AliasName);
    }

    [Fact]
    public async Task Nonce_rebound_by_a_login_whose_write_storage_refused_is_not_trusted_here()
    {
        var instance = await LoggedInAsync();
        var bound = await _plugin.AccessListEntryAsync(instance.InstanceId);
        var migrated = _plugin.DocumentWithPendingTime(instance, Ec2AuthHarness.Start.AddMinutes(-5));
        await _plugin.WriteAsync("roles/web", new System.Text.Json.Nodes.JsonObject { ["allow_instance_migration"] = true });
        var accessListWrite = _plugin.Storage.PauseNext(StorageCall.Put, AccessList.Prefix + instance.InstanceId);
        var refused = _plugin.LoginAsync(migrated, OtherNonce);
        await accessListWrite.Reached;
        _plugin.Storage.ReadOnly = true;
        accessListWrite.Release();
        await Assert.ThrowsAsync<RequestException>(() => refused);
        _plugin.Storage.ReadOnly = false;

        // Storage still binds the first nonce: the instance logs in with it, the refused one is not honoured.
        await _plugin.LoginAsync(instance.Pkcs7, Nonce);
        Assert.Equal(bound!.NonceHash, (await _plugin.AccessListEntryAsync(instance.InstanceId))!.NonceHash);
    }

    [Fact]
    public async Task Instance_removed_on_another_node_is_written_again_by_its_next_login_here_once_Vault_invalidates_the_keys()
    {
        var instance = await LoggedInAsync();
        var other = OtherNode();
        var before = await _plugin.StorageSnapshotAsync();
        await other.HandleRequestAsync(new LogicalRequest { Operation = Operations.Delete, Path = "instances/" + instance.InstanceId }, CancellationToken.None);
        await InvalidateWhatChangedSinceAsync(before);
        Assert.Null(_plugin.Vault.Object(instance.PkiRolePath));

        await _plugin.LoginAsync(instance.Pkcs7, Nonce);

        Assert.NotNull(_plugin.Vault.Object(instance.PkiRolePath));
        Assert.NotNull(await _plugin.RegistryRecordAsync(instance.InstanceId));
        Assert.Contains(_plugin.Storage.Keys, key => key.StartsWith(OwnershipIndex.Prefix, StringComparison.Ordinal));
    }

    /// <summary>What Vault does for a change made on another node: InvalidateKey for every key that changed.</summary>
    private async Task InvalidateWhatChangedSinceAsync(IReadOnlyDictionary<string, string> before)
    {
        var after = await _plugin.StorageSnapshotAsync();
        foreach (var key in before.Keys.Union(after.Keys).Where(key => before.GetValueOrDefault(key) != after.GetValueOrDefault(key)))
        {
            _plugin.Definition.Invalidate!(key);
        }
    }

    [Fact]
    public async Task Nonce_bound_on_another_node_is_required_here_once_Vault_invalidates_the_entry()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        // A login for a role that does not exist reads the (missing) entry, then fails: this node remembers "no entry".
        await Assert.ThrowsAsync<RequestException>(() => _plugin.LoginAsync(instance.Pkcs7, "probe", role: "missing"));
        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));

        // The other node's first login binds a nonce.
        var other = OtherNode();
        var before = await _plugin.StorageSnapshotAsync();
        await other.HandleRequestAsync(new LogicalRequest
        {
            Operation = Operations.Update,
            Path = "login",
            Data = Ec2AuthHarness.LoginData(instance.Pkcs7, Nonce),
            RemoteAddress = Ec2AuthHarness.ClientAddress,
        }, CancellationToken.None);
        await InvalidateWhatChangedSinceAsync(before);

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, OtherNonce));
    }

    [Fact]
    public async Task A_new_backend_on_the_same_storage_starts_with_nothing_cached()
    {
        var instance = await LoggedInAsync();
        await _plugin.Storage.DeleteAsync(AccessList.Prefix + instance.InstanceId, CancellationToken.None);
        var restarted = OtherNode();

        var response = await restarted.HandleRequestAsync(new LogicalRequest
        {
            Operation = Operations.Update,
            Path = "login",
            Data = Ec2AuthHarness.LoginData(instance.Pkcs7, OtherNonce),
            RemoteAddress = Ec2AuthHarness.ClientAddress,
        }, CancellationToken.None);

        Assert.Equal(instance.InstanceId, response!.Auth!.AliasName);
    }
}
