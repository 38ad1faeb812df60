using System.Text.Json.Nodes;

namespace VaultEc2Auth.Tests.Templates;

/// <summary>A template whose rendered policy Vault would refuse is refused when written, in plain words.</summary>
public sealed class PolicySyntaxOnWriteTests
{
    private readonly Ec2AuthHarness _plugin = new();

    private async Task<string> RefusedAsync(string type, string path, string template)
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync("web");
        var error = await RequestAssert.BadRequestAsync(() => _plugin.AddTemplateAsync("web", "t", type, path, template));
        Assert.Empty(await _plugin.ListKeysAsync("templates/web/"));
        return error.Message;
    }

    [Fact]
    public async Task Broken_hcl_is_refused_on_write_with_line_and_column()
    {
        var message = await RefusedAsync("policy", "{{ InstanceHash }}", """path "pki/issue/{{ InstanceHash }}" { capabilities = ["read" }""");

        Assert.Contains("line 1, column", message, StringComparison.Ordinal);
        Assert.Contains("expected ',' or ']'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_capability_is_refused_on_write()
    {
        var message = await RefusedAsync("policy", "{{ InstanceHash }}", """path "pki/issue/{{ InstanceHash }}" { capabilities = ["reed"] }""");

        Assert.Contains("unknown capability \"reed\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_error_says_line_and_column_without_dotnet_wording()
    {
        var message = await RefusedAsync("generic", "ec2-{{ InstanceHash }}", "{\n  \"allowed_domains\": [\"{{ FQDN }}\"],\n  allow_any_name: true\n}");

        Assert.Contains("line 3, column 3", message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePosition", message, StringComparison.Ordinal);
        Assert.DoesNotContain("ExpectedStartOf", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_policy_with_comments_and_parameters_is_stored()
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync("web");

        await _plugin.AddTemplateAsync("web", "issue", "policy", "{{ InstanceHash }}", """
            # only its own role
            path "pki/issue/ec2-{{ InstanceHash }}" {
              capabilities = ["update"]
              allowed_parameters = { "common_name" = ["{{ FQDN }}"] }
            }
            """);

        Assert.Equal(["issue"], await _plugin.ListKeysAsync("templates/web/"));
    }
}
