using System.Text.Json.Nodes;
using static VaultEc2Auth.Tests.GceHarness;

namespace VaultEc2Auth.Tests.Templates;

/// <summary>GCE's template variables: the same names as EC2's where they mean the same, GCE's own where they don't.</summary>
public sealed class GceTemplateVariablesTests
{
    private const string EveryGceVariable = """
        {
          "fqdn": "{{ FQDN }}",
          "ip": "{{ InternalIPv4 }}",
          "project": "{{ ProjectId }}",
          "zone": "{{ Zone }}",
          "region": "{{ Region }}",
          "name": "{{ InstanceName }}",
          "id": "{{ InstanceId }}",
          "service_account": "{{ ServiceAccount }}",
          "team": "{{ Labels.team }}"
        }
        """;

    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Gce_instance_renders_its_project_zone_name_service_account_and_labels()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        await _plugin.AddTemplateAsync("web", "facts", "generic", "facts-{{ InstanceHash }}", EveryGceVariable);
        var instance = _plugin.LaunchGce();

        await _plugin.LoginGceAsync(instance.Jwt);

        var facts = _plugin.Vault.Object($"{Ec2AuthHarness.BasePath}/facts-{instance.Hash}")!;
        Assert.Equal(Project, facts["project"]!.GetValue<string>());
        Assert.Equal(Zone, facts["zone"]!.GetValue<string>());
        Assert.Equal("europe-west1", facts["region"]!.GetValue<string>());
        Assert.Equal("web-1", facts["name"]!.GetValue<string>());
        Assert.Equal(instance.InstanceId, facts["id"]!.GetValue<string>());
        Assert.Equal(ServiceAccount, facts["service_account"]!.GetValue<string>());
        Assert.Equal("payments", facts["team"]!.GetValue<string>());
        Assert.Equal(instance.Facts.PrivateIpv4, facts["ip"]!.GetValue<string>());
    }

    [Fact]
    public void Gce_instance_hash_is_over_project_zone_and_instance_id()
    {
        var instance = _plugin.LaunchGce();

        Assert.Equal(VaultEc2Auth.Templates.InstanceHash.Compute(Project, Zone, instance.InstanceId), instance.Hash);
        Assert.NotEqual(VaultEc2Auth.Templates.InstanceHash.Compute(Project, "europe-west1", instance.InstanceId), instance.Hash);
    }

    [Fact]
    public async Task Gce_instance_whose_template_reads_an_ec2_only_variable_is_denied_naming_it()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        await _plugin.AddTemplateAsync("web", "ami", "generic", "ami-{{ InstanceHash }}", """{"ami": "{{ ImageId }}"}""");
        var instance = _plugin.LaunchGce();

        var refused = await RequestAssert.DeniedAsync(() => _plugin.SendGceLoginAsync(instance.Jwt));

        Assert.Contains("ImageId", refused.Message);
        Assert.Equal(0, _plugin.Vault.Writes);
    }

    [Fact]
    public async Task Ec2_instance_whose_template_reads_a_gce_only_variable_is_denied_naming_it()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.AddTemplateAsync("web", "name", "generic", "name-{{ InstanceHash }}", """{"name": "{{ InstanceName }}"}""");
        var instance = _plugin.Launch();

        var refused = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "nonce"));

        Assert.Contains("InstanceName", refused.Message);
    }

    [Fact]
    public async Task Label_value_outside_gce_label_rules_is_denied_without_quoting_it()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        await _plugin.AddTemplateAsync("web", "team", "generic", "team-{{ InstanceHash }}", """{"team": "{{ Labels.team }}"}""");
        var instance = _plugin.LaunchGce(labels: new Dictionary<string, string> { ["team"] = "\" } path \"secret/*" });

        var refused = await RequestAssert.DeniedAsync(() => _plugin.SendGceLoginAsync(instance.Jwt));

        Assert.Contains("label team", refused.Message);
        Assert.DoesNotContain("secret", refused.Message);
    }

    [Fact]
    public async Task Template_reading_gce_variables_is_accepted_on_write_for_a_gce_role()
    {
        await _plugin.SetUpGcePkiRoleAsync();

        await _plugin.AddTemplateAsync("web", "facts", "generic", "facts-{{ InstanceHash }}", EveryGceVariable);

        Assert.NotNull(await _plugin.ReadAsync("templates/web/facts"));
    }

    [Fact]
    public async Task Policy_named_by_instance_name_alone_is_refused_on_write_since_a_recreated_instance_reuses_its_name()
    {
        await _plugin.SetUpGcePkiRoleAsync();

        await RequestAssert.BadRequestAsync(() => _plugin.AddTemplateAsync("web", "by-name", "policy", "{{ InstanceName }}", """path "secret/{{ InstanceName }}" { capabilities = ["read"] }"""));
    }
}
