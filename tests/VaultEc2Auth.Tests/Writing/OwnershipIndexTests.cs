using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Writing;

/// <summary>
/// Finding 7 (shared policy slips past validation): a template that branches on a value real instances share passes
/// validation with synthetic instances, so at login a name or path another instance owns is refused.
/// </summary>
public sealed class OwnershipIndexTests
{
    private const string SharedForOurAccount = $$$"""{{ if AccountId == "{{{AccountId}}}" }}shared{{ else }}{{ InstanceHash }}{{ end }}""";

    private readonly Ec2AuthHarness _plugin = new();

    private async Task RoleWithSharedPolicyNameAsync()
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync();
        await _plugin.AddTemplateAsync("web", "issue", "policy", SharedForOurAccount, IssuePolicyTemplate);
    }

    [Fact]
    public async Task Policy_name_another_instance_owns_is_refused_and_nothing_is_written()
    {
        await RoleWithSharedPolicyNameAsync();
        await _plugin.LoginAsync(_plugin.Launch("i-0aaaaaaaaaaaaaaa1").Pkcs7);
        var second = _plugin.Launch("i-0bbbbbbbbbbbbbbb2");
        _plugin.Vault.ResetCounters();

        var error = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(second.Pkcs7));

        Assert.Contains("policy name ec2-instance-shared already belongs to another instance", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Null(await _plugin.AccessListEntryAsync(second.InstanceId));
        Assert.Null(await _plugin.RegistryRecordAsync(second.InstanceId));
    }

    [Fact]
    public async Task Object_path_another_instance_owns_is_refused_and_nothing_is_written()
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync();
        await _plugin.AddTemplateAsync("web", "pki-role", "generic", "ec2-" + SharedForOurAccount, PkiRoleTemplate);
        await _plugin.LoginAsync(_plugin.Launch("i-0aaaaaaaaaaaaaaa1").Pkcs7);
        var second = _plugin.Launch("i-0bbbbbbbbbbbbbbb2");
        _plugin.Vault.ResetCounters();

        var error = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(second.Pkcs7));

        Assert.Contains($"object path {BasePath}/ec2-shared already belongs to another instance", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Null(await _plugin.AccessListEntryAsync(second.InstanceId));
    }

    [Fact]
    public async Task Owner_may_log_in_again_with_what_it_owns()
    {
        await RoleWithSharedPolicyNameAsync();
        var first = _plugin.Launch("i-0aaaaaaaaaaaaaaa1");
        var auth = await _plugin.LoginAsync(first.Pkcs7, "nonce");

        var again = await _plugin.LoginAsync(first.Pkcs7, "nonce");

        Assert.Equal(auth.Policies, again.Policies);
    }

    [Fact]
    public async Task Claim_is_written_with_the_intent_and_names_the_owner()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await _plugin.LoginAsync(instance.Pkcs7);

        var snapshot = await _plugin.StorageSnapshotAsync();
        var claim = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(snapshot[OwnershipIndex.KeyOf("policy:" + instance.PolicyName())]));
        Assert.Contains(instance.InstanceId, claim, StringComparison.Ordinal);
        Assert.True(snapshot.ContainsKey(OwnershipIndex.KeyOf("object:" + instance.PkiRolePath)));
    }

    [Fact]
    public async Task Released_targets_can_be_claimed_by_another_instance()
    {
        await RoleWithSharedPolicyNameAsync();
        var first = _plugin.Launch("i-0aaaaaaaaaaaaaaa1");
        await _plugin.LoginAsync(first.Pkcs7);
        var record = await _plugin.RegistryRecordAsync(first.InstanceId);
        var owners = new InstanceRegistry(TimeProvider.System).Owners;

        await owners.ReleaseAsync(_plugin.Storage, first.InstanceId, record!.Applied, CancellationToken.None);
        await owners.ClaimAsync(_plugin.Storage, "i-0bbbbbbbbbbbbbbb2", record.Applied, CancellationToken.None);

        await Assert.ThrowsAsync<RequestException>(() =>
            owners.ClaimAsync(_plugin.Storage, first.InstanceId, record.Applied, CancellationToken.None));
    }

    [Fact]
    public async Task Release_leaves_another_instances_claim_alone()
    {
        await RoleWithSharedPolicyNameAsync();
        var first = _plugin.Launch("i-0aaaaaaaaaaaaaaa1");
        await _plugin.LoginAsync(first.Pkcs7);
        var record = await _plugin.RegistryRecordAsync(first.InstanceId);
        var owners = new InstanceRegistry(TimeProvider.System).Owners;

        await owners.ReleaseAsync(_plugin.Storage, "i-0bbbbbbbbbbbbbbb2", record!.Applied, CancellationToken.None);

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(_plugin.Launch("i-0bbbbbbbbbbbbbbb2").Pkcs7));
    }

    [Fact]
    public async Task Names_an_instance_no_longer_renders_are_released()
    {
        await RoleWithSharedPolicyNameAsync();
        var first = _plugin.Launch("i-0aaaaaaaaaaaaaaa1");
        var auth = await _plugin.LoginAsync(first.Pkcs7, "nonce");
        await _plugin.AddTemplateAsync("web", "issue", "policy", "{{ InstanceHash }}", IssuePolicyTemplate);

        await _plugin.RenewAsync(auth);

        var second = _plugin.Launch("i-0bbbbbbbbbbbbbbb2");
        await _plugin.AddTemplateAsync("web", "issue", "policy", SharedForOurAccount, IssuePolicyTemplate);
        var secondAuth = await _plugin.LoginAsync(second.Pkcs7);
        Assert.Contains("ec2-instance-shared", secondAuth.Policies);
    }

    private static RenderedSet PolicyNamed(string name) => new([new RenderedPolicy(name, "path \"x\" {}")], []);

    [Fact]
    public async Task Claims_of_unrelated_names_do_not_wait_for_each_other()
    {
        var storage = new PausingStorage();
        var owners = new OwnershipIndex();
        var firstRead = storage.PauseNext(StorageCall.Get, OwnershipIndex.KeyOf("policy:ec2-instance-aa"));
        var first = owners.ClaimAsync(storage, "i-0aaaaaaaaaaaaaaa1", PolicyNamed("ec2-instance-aa"), CancellationToken.None);
        await firstRead.Reached;

        await owners.ClaimAsync(storage, "i-0bbbbbbbbbbbbbbb2", PolicyNamed("ec2-instance-bb"), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        firstRead.Release();
        await first;
        Assert.Contains(OwnershipIndex.KeyOf("policy:ec2-instance-bb"), storage.Keys);
    }

    [Fact]
    public async Task Two_instances_claiming_one_name_at_once_give_it_to_one_and_refuse_the_other()
    {
        var storage = new PausingStorage();
        var owners = new OwnershipIndex();
        var shared = new RenderedSet([new RenderedPolicy("ec2-instance-shared", "path \"x\" {}")], [new RenderedObject("pki/roles/ec2-shared", new JsonObject())]);
        var firstRead = storage.PauseNext(StorageCall.Get, OwnershipIndex.KeyOf("policy:ec2-instance-shared"));
        var first = owners.ClaimAsync(storage, "i-0aaaaaaaaaaaaaaa1", shared, CancellationToken.None);
        await firstRead.Reached;

        var second = owners.ClaimAsync(storage, "i-0bbbbbbbbbbbbbbb2", shared, CancellationToken.None);
        firstRead.Release();

        await first;
        var refused = await Assert.ThrowsAsync<RequestException>(() => second);
        Assert.Equal(RequestErrorKind.PermissionDenied, refused.Kind);
    }

    [Fact]
    public async Task Nothing_is_claimed_when_the_read_made_alongside_failed()
    {
        var storage = new PausingStorage();
        var owners = new OwnershipIndex();

        await Assert.ThrowsAsync<InvalidOperationException>(() => owners.ClaimAsync(storage, "i-0aaaaaaaaaaaaaaa1",
            PolicyNamed("ec2-instance-aa"), Task.FromException(new InvalidOperationException("registry read failed")), CancellationToken.None));

        Assert.DoesNotContain(storage.Keys, key => key.StartsWith(OwnershipIndex.Prefix, StringComparison.Ordinal));
    }
}
