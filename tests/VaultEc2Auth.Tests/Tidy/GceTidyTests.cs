using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Tests.Tidy;

/// <summary>The tidy asks Compute about GCE instances, by project and zone, and cleans up after deleted ones.</summary>
public sealed class GceTidyTests
{
    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Deleted_gce_instance_loses_its_policy_and_pki_role_at_the_next_tidy()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();
        await _plugin.LoginGceAsync(instance.Jwt);
        _plugin.GceDescriber.Remove(instance.InstanceId);

        var counts = await _plugin.TidyAsync();

        Assert.Equal(1, counts.Removed);
        Assert.Null(_plugin.Vault.PolicyText(instance.PolicyName));
        Assert.Null(_plugin.Vault.Object(instance.PkiRolePath));
        Assert.Null(await _plugin.RegistryRecordAsync(instance.InstanceId));
        Assert.Equal(0, _plugin.Describer.BatchCalls);
    }

    [Fact]
    public async Task Running_gce_instance_is_kept_and_its_record_names_the_zone_compute_is_asked_in()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();
        await _plugin.LoginGceAsync(instance.Jwt);

        var counts = await _plugin.TidyAsync();

        Assert.Equal((1, 0), (counts.Kept, counts.Removed));
        var record = (await _plugin.RegistryRecordAsync(instance.InstanceId))!;
        Assert.Equal((CloudProviders.Gce, GceHarness.Zone), (record.CloudProvider, record.Zone));
        Assert.Equal(1, _plugin.GceDescriber.BatchCalls);
        Assert.NotNull(_plugin.Vault.PolicyText(instance.PolicyName));
    }

    [Fact]
    public async Task Stopped_gce_instance_keeps_its_objects_within_stopped_grace()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();
        await _plugin.LoginGceAsync(instance.Jwt);
        _plugin.GceDescriber.SetState(instance.InstanceId, InstanceState.Stopped);

        await _plugin.TidyAsync();

        Assert.NotNull(_plugin.Vault.PolicyText(instance.PolicyName));
    }
}
