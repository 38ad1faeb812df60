using System.Text.Json.Nodes;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Instances;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Login;

/// <summary>Every login or renewal that does not succeed leaves one log line an operator can act on.</summary>
public sealed class FailureLogTests
{
    private readonly Ec2AuthHarness _plugin = new();

    private IReadOnlyList<JsonObject> LogLines(string message) =>
        [.. _plugin.LogText.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(line => line["@message"]!.GetValue<string>() == message)];

    [Fact]
    public async Task Wrong_nonce_login_logs_one_info_line_with_instance_id_role_and_reason()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, "right-nonce");

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "wrong-nonce"));

        var line = Assert.Single(LogLines("login refused"));
        Assert.Equal("info", line["@level"]!.GetValue<string>());
        Assert.Equal(instance.InstanceId, line["instance_id"]!.GetValue<string>());
        Assert.Equal("web", line["role"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(line["reason"]!.GetValue<string>()));
        Assert.DoesNotContain("wrong-nonce", _plugin.LogText, StringComparison.Ordinal);
        Assert.DoesNotContain("right-nonce", _plugin.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_failing_on_vault_logs_a_warn_line_and_is_a_5xx_naming_vault()
    {
        await _plugin.SetUpPkiRoleAsync();
        _plugin.Vault.RevokeToken(Ec2AuthHarness.WriterToken);
        var instance = _plugin.Launch();

        var error = await RequestAssert.ServerErrorAsync(() => _plugin.LoginAsync(instance.Pkcs7, "nonce"));

        Assert.Contains("writer's token was revoked", error.Message, StringComparison.Ordinal);
        var line = Assert.Single(LogLines("login failed"));
        Assert.Equal("warn", line["@level"]!.GetValue<string>());
        Assert.Equal(instance.InstanceId, line["instance_id"]!.GetValue<string>());
        Assert.DoesNotContain(Ec2AuthHarness.WriterToken, _plugin.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_without_config_vault_is_a_500_naming_the_missing_configuration()
    {
        await _plugin.CreateRoleAsync("web");
        var instance = _plugin.Launch();

        var error = await RequestAssert.ServerErrorAsync(() => _plugin.LoginAsync(instance.Pkcs7, "nonce"));

        Assert.Equal(FailureStatuses.Misconfigured, error.StatusCode);
        Assert.Contains("config/vault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_renewal_logs_the_reason_and_the_instance()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        var auth = await _plugin.LoginAsync(instance.Pkcs7, "nonce");
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Terminated);

        var error = await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));

        Assert.Contains("terminated, not running", error.Message, StringComparison.Ordinal);
        var line = Assert.Single(LogLines("renewal refused"));
        Assert.Equal(instance.InstanceId, line["instance_id"]!.GetValue<string>());
        Assert.Contains("terminated", line["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
