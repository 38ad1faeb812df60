using System.Text.Json.Nodes;

namespace VaultEc2Auth.Tests.Templates;

/// <summary>
/// The specification writes a template's output at <c>/pki/k8s/roles/:name</c>, "relative to the base_path": a
/// generic template path with a leading <c>/</c> lands exactly where the same path without it does.
/// </summary>
public sealed class LeadingSlashPathTests
{
    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Generic_path_with_a_leading_slash_is_written_under_base_path_like_the_same_path_without_it()
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync(fields: new JsonObject { ["base_path"] = "pki" });
        await _plugin.AddTemplateAsync("web", "kubelet", "generic", "/k8s/roles/kubelet-{{.InstanceHash}}", Ec2AuthHarness.PkiRoleTemplate);
        await _plugin.AddTemplateAsync("web", "worker", "generic", "k8s/roles/worker-{{.InstanceHash}}", Ec2AuthHarness.PkiRoleTemplate);
        await _plugin.AddTemplateAsync("web", "issue", "policy", "{{ InstanceHash }}", Ec2AuthHarness.IssuePolicyTemplate);
        var instance = _plugin.Launch();

        await _plugin.LoginAsync(instance.Pkcs7, nonce: "n-1");

        var hash = instance.Hash;
        Assert.NotNull(_plugin.Vault.Object($"pki/k8s/roles/kubelet-{hash}"));
        Assert.NotNull(_plugin.Vault.Object($"pki/k8s/roles/worker-{hash}"));
        Assert.DoesNotContain(_plugin.Vault.Objects.Keys, path => path.Contains("//", StringComparison.Ordinal) || path.StartsWith('/'));
    }

    [Fact]
    public async Task Preview_shows_a_leading_slash_path_under_base_path()
    {
        await _plugin.CreateRoleAsync(fields: new JsonObject { ["base_path"] = "pki" });
        await _plugin.AddTemplateAsync("web", "kubelet", "generic", "/k8s/roles/kubelet-{{ InstanceHash }}", Ec2AuthHarness.PkiRoleTemplate);

        var data = (await _plugin.WriteAsync("roles/web/preview", new JsonObject
        {
            ["instance_id"] = "i-0123456789abcdef0",
            ["account_id"] = Ec2AuthHarness.AccountId,
            ["region"] = Ec2AuthHarness.Region,
            ["fqdn"] = "ip-10-0-1-23.eu-central-1.compute.internal",
        }))!.Data!;

        Assert.StartsWith("pki/k8s/roles/kubelet-", data["generic"]![0]!["path"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
