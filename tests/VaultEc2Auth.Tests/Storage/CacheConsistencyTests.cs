using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Storage;

/// <summary>
/// Cached copies of roles, the role list and certificates never outlive a write made on this node, even when a
/// read of the old value was under way while the write happened (Vault sends no invalidation for our own writes).
/// </summary>
public sealed class CacheConsistencyTests
{
    private readonly Ec2AuthHarness _plugin = new();

    /// <summary>
    /// Replays: the write has started (cache dropped) but not reached storage; a read then reads the old value;
    /// the write completes; only then does the read finish and fill the cache.
    /// </summary>
    private async Task ReadDuringWriteAsync(Func<Task> write, StorageCall writeCall, string writeKey, Func<Task> read, StorageCall readCall, string readKey)
    {
        var writeHeld = _plugin.Storage.PauseNext(writeCall, writeKey);
        var writing = Task.Run(write);
        await writeHeld.Reached;

        var readHeld = _plugin.Storage.PauseNext(readCall, readKey);
        var reading = Task.Run(read);
        await readHeld.Reached;

        writeHeld.Release();
        await writing;
        readHeld.Release();
        await reading;
    }

    [Fact]
    public async Task Role_updated_while_a_read_of_the_old_role_was_under_way_is_read_back_updated()
    {
        await _plugin.CreateRoleAsync();

        await ReadDuringWriteAsync(
            () => _plugin.SendAsync(Operations.Update, "roles/web", new JsonObject { ["bound_region"] = "us-east-1" }), StorageCall.Put, "roles/web",
            () => _plugin.ReadAsync("roles/web"), StorageCall.Get, "roles/web");

        var role = (await _plugin.ReadAsync("roles/web"))!.Data!;
        Assert.Equal(["us-east-1"], role["bound_region"]!.AsArray().Select(region => region!.GetValue<string>()));
    }

    [Fact]
    public async Task Role_tightened_while_a_login_was_reading_it_applies_to_the_next_login()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await ReadDuringWriteAsync(
            () => _plugin.SendAsync(Operations.Update, "roles/web", new JsonObject { ["bound_region"] = "us-east-1" }), StorageCall.Put, "roles/web",
            () => _plugin.LoginAsync(instance.Pkcs7, "nonce"), StorageCall.Get, "roles/web");

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "nonce"));
    }

    [Fact]
    public async Task Role_created_while_the_role_list_was_being_read_is_listed()
    {
        await _plugin.CreateRoleAsync("web");

        await ReadDuringWriteAsync(
            () => _plugin.CreateRoleAsync("db"), StorageCall.Put, "roles/db",
            () => _plugin.ListAsync("roles/"), StorageCall.List, "roles/");

        Assert.Equal(["db", "web"], await _plugin.ListKeysAsync("roles/"));
    }

    [Fact]
    public async Task Certificate_deleted_while_a_login_was_reading_the_certificates_is_no_longer_trusted()
    {
        await _plugin.SetUpPkiRoleAsync();
        using var certificate = TestCertificates.CreateTestCertificate("CN=Amazon", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await _plugin.WriteAsync("config/certificate/eu-new-1", new JsonObject { ["aws_public_cert"] = certificate.ExportCertificatePem() });
        var instance = _plugin.Launch();

        await ReadDuringWriteAsync(
            () => _plugin.DeleteAsync("config/certificate/eu-new-1"), StorageCall.Delete, "config/certificate/eu-new-1",
            () => _plugin.LoginAsync(instance.Pkcs7, "nonce"), StorageCall.Get, "config/certificate/eu-new-1");

        await _plugin.LoginAsync(instance.Pkcs7, "nonce");
        Assert.Empty(_plugin.Verifier.LastCertificates);
    }
}
