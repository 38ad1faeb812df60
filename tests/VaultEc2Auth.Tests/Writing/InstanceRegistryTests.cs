using System.Text.Json.Nodes;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Writing;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Writing;

/// <summary>Intent before effect: what a login is about to write is on record before Vault is touched.</summary>
public sealed class InstanceRegistryTests
{
    private readonly Ec2AuthHarness _plugin = new();

    /// <summary>Puts a set into the in-memory Vault as a crashed login would have left it.</summary>
    private async Task WriteBehindAsync(RenderedSet set)
    {
        await using var connection = _plugin.Vault.Connect(new VaultConnectionSettings(DefaultVaultAddress, WriterToken, null, null, false, null));
        await connection.ApplyAsync(RenderedSet.Empty, set, CancellationToken.None);
    }

    private Task RecordAsync(InstanceRecord record) =>
        StoredJson.WriteAsync(_plugin.Storage, InstanceRegistry.Prefix + record.InstanceId, record, StorageJsonContext.Default.InstanceRecord, CancellationToken.None);

    [Fact]
    public async Task Intent_is_on_record_before_the_first_write_to_vault()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        var seen = new List<InstanceRecord?>();
        _plugin.Vault.BeforeWrite = async _ => seen.Add(await _plugin.RegistryRecordAsync(instance.InstanceId));

        await _plugin.LoginAsync(instance.Pkcs7);

        var atFirstWrite = seen[0];
        Assert.NotNull(atFirstWrite?.Pending);
        Assert.Equal([instance.PolicyName()], atFirstWrite.Pending.Policies.Select(policy => policy.Name));
        Assert.Equal([instance.PkiRolePath], atFirstWrite.Pending.Objects.Select(item => item.Path));
        Assert.Empty(atFirstWrite.Applied.Policies);
    }

    [Fact]
    public async Task Record_names_the_instances_account_region_and_role()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await _plugin.LoginAsync(instance.Pkcs7);

        var record = await _plugin.RegistryRecordAsync(instance.InstanceId);
        Assert.Equal((instance.InstanceId, AccountId, Region, "web", Start), (record!.InstanceId, record.AccountId, record.Region, record.Role, record.UpdatedTime));
    }

    [Fact]
    public async Task Login_after_a_crash_removes_what_the_crashed_login_wrote_and_no_longer_wants()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        var orphans = new RenderedSet(
            [new RenderedPolicy(DefaultPolicyPrefix + "orphan-" + instance.Hash, "path \"x\" { capabilities = [\"read\"] }")],
            [new RenderedObject($"{BasePath}/orphan-{instance.Hash}", new JsonObject { ["allowed_domains"] = new JsonArray("x") })]);
        await WriteBehindAsync(orphans);
        await RecordAsync(new InstanceRecord(instance.InstanceId, AccountId, Region, "web", RenderedSet.Empty, orphans, Start.AddMinutes(-5)));

        await _plugin.LoginAsync(instance.Pkcs7);

        Assert.Equal([instance.PolicyName()], _plugin.Vault.Policies.Keys);
        Assert.Equal([instance.PkiRolePath], _plugin.Vault.Objects.Keys);
        var record = await _plugin.RegistryRecordAsync(instance.InstanceId);
        Assert.Null(record!.Pending);
        Assert.Equal([instance.PolicyName()], record.Applied.Policies.Select(policy => policy.Name));
    }

    [Fact]
    public async Task Login_after_a_crash_keeps_what_the_crashed_login_already_wrote_correctly()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        var preview = (await _plugin.SendAsync("update", "roles/web/preview", new JsonObject { ["pkcs7"] = instance.Pkcs7 }))!.Data!;
        var written = new RenderedSet(
            [new RenderedPolicy(instance.PolicyName(), preview["policies"]![0]!["policy"]!.GetValue<string>())],
            [new RenderedObject(instance.PkiRolePath, preview["generic"]![0]!["data"]!.DeepClone().AsObject())]);
        await WriteBehindAsync(written);
        await RecordAsync(new InstanceRecord(instance.InstanceId, AccountId, Region, "web", RenderedSet.Empty, written, Start.AddMinutes(-5)));
        _plugin.Vault.ResetCounters();

        await _plugin.LoginAsync(instance.Pkcs7);

        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Equal(0, _plugin.Vault.Deletes);
        Assert.Null((await _plugin.RegistryRecordAsync(instance.InstanceId))!.Pending);
    }

    [Fact]
    public async Task Failed_login_leaves_the_previous_applied_set_on_record()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");
        var before = (await _plugin.RegistryRecordAsync(instance.InstanceId))!.Applied;
        await _plugin.AddTemplateAsync("web", "extra", "policy", "extra-{{ InstanceHash }}", Ec2AuthHarness.IssuePolicyTemplate);
        _plugin.Vault.FailWritesTo(TestSupport.InMemoryVault.PolicyPathPrefix + DefaultPolicyPrefix + "extra-");

        await RequestAssert.ServerErrorAsync(() => _plugin.LoginAsync(instance.Pkcs7, "nonce"));

        var record = await _plugin.RegistryRecordAsync(instance.InstanceId);
        Assert.Null(record!.Pending);
        Assert.True(RenderedSetComparer.SameContent(before, record.Applied));
        Assert.DoesNotContain(_plugin.Vault.Policies.Keys, name => name.Contains("extra-", StringComparison.Ordinal));
    }
}
