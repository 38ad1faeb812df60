using System.Text.Json.Nodes;

namespace VaultEc2Auth.Tests.Login;

/// <summary>A successful login is a debug line: Vault's audit log records every login, its server log only trouble.</summary>
public sealed class SuccessLogTests
{
    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Accepted_login_logs_one_debug_line_with_instance_id_and_role_and_no_nonce()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await _plugin.LoginAsync(instance.Pkcs7, "the-nonce");

        var line = Assert.Single(_plugin.LogText.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(text => JsonNode.Parse(text)!.AsObject()), json => json["@message"]!.GetValue<string>() == "login accepted");
        Assert.Equal("debug", line["@level"]!.GetValue<string>());
        Assert.Equal(instance.InstanceId, line["instance_id"]!.GetValue<string>());
        Assert.Equal("web", line["role"]!.GetValue<string>());
        Assert.DoesNotContain("the-nonce", _plugin.LogText, StringComparison.Ordinal);
    }
}
