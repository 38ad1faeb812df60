using VaultEc2Auth.Templates;
using static VaultEc2Auth.Tests.Templates.TestInstance;

namespace VaultEc2Auth.Tests.Templates;

/// <summary>The README's example: each instance may issue certificates for its own DNS name and nothing else.</summary>
public sealed class WorkedExampleTests
{
    private static readonly VaultEc2Auth.Roles.TemplateEntry PkiRole = Generic("roles/{{ InstanceHash }}", """
        {
          "allowed_domains": ["{{ FQDN }}"],
          "allow_bare_domains": true,
          "allow_subdomains": false,
          "allow_glob_domains": false,
          "allow_any_name": false,
          "enforce_hostnames": true,
          "allow_ip_sans": true,
          "allowed_ip_sans": ["{{ InternalIPv4 }}"],
          "server_flag": true,
          "client_flag": true,
          "max_ttl": "72h"
        }
        """, "pki-role");

    private static readonly VaultEc2Auth.Roles.TemplateEntry IssuePolicy = Policy("{{ InstanceHash }}", """
        path "pki/issue/{{ InstanceHash }}" {
          capabilities = ["update"]
        }
        """, "issue");

    [Fact]
    public void Worked_example_validates_without_problems()
    {
        Assert.Empty(Validate(PkiRole, "pki"));
        Assert.Empty(Validate(IssuePolicy, "pki"));
    }

    [Fact]
    public void Worked_example_renders_a_pki_role_for_the_instance_fqdn_only()
    {
        var set = Render(Variables(), PkiRole, IssuePolicy);

        var role = Assert.Single(set.Objects);
        Assert.Equal($"pki/roles/{Hash}", role.Path);
        Assert.Equal(["ip-10-1-2-3.eu-central-1.compute.internal"],
            role.Data["allowed_domains"]!.AsArray().Select(domain => domain!.GetValue<string>()));
        Assert.True(role.Data["allow_bare_domains"]!.GetValue<bool>());
        Assert.False(role.Data["allow_subdomains"]!.GetValue<bool>());
        Assert.Equal("10.1.2.3", role.Data["allowed_ip_sans"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Worked_example_policy_allows_update_on_the_instance_issue_path_only()
    {
        var policy = Assert.Single(Render(Variables(), PkiRole, IssuePolicy).Policies);

        Assert.Equal($"ec2-{Hash}", policy.Name);
        var block = Assert.Single(HclPolicyReader.Read(policy.Policy));
        Assert.Equal(("path", $"pki/issue/{Hash}"), (block.Type, block.Labels.Single()));
        Assert.Contains("capabilities = [\"update\"]", policy.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public void Worked_example_gives_two_instances_different_roles_and_policies()
    {
        var other = Variables() with
        {
            InstanceId = "i-0fedcba9876543210",
            InstanceHash = InstanceHash.Compute(AccountId, Region, "i-0fedcba9876543210"),
            Fqdn = "ip-10-1-2-4.eu-central-1.compute.internal",
        };

        var first = Render(Variables(), PkiRole, IssuePolicy);
        var second = Render(other, PkiRole, IssuePolicy);

        Assert.NotEqual(first.Objects[0].Path, second.Objects[0].Path);
        Assert.NotEqual(first.Policies[0].Name, second.Policies[0].Name);
    }

    [Fact]
    public void Worked_example_in_go_spelling_renders_the_same()
    {
        var goRole = PkiRole with { Path = "roles/{{.InstanceHash}}", Template = PkiRole.Template.Replace("{{ ", "{{ .", StringComparison.Ordinal) };
        var goPolicy = IssuePolicy with { Path = "{{.InstanceHash}}", Template = IssuePolicy.Template.Replace("{{ ", "{{.", StringComparison.Ordinal) };

        var scriban = Render(Variables(), PkiRole, IssuePolicy);
        var go = Render(Variables(), goRole, goPolicy);

        Assert.Equal(scriban.Policies, go.Policies);
        Assert.Equal(scriban.Objects[0].Path, go.Objects[0].Path);
        Assert.Equal(scriban.Objects[0].Data.ToJsonString(), go.Objects[0].Data.ToJsonString());
    }
}
