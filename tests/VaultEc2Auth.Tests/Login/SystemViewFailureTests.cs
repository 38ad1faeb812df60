using VaultEc2Auth.Instances;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Login;

/// <summary>
/// The mount's max lease TTL is asked while the cloud describes the instance; when Vault cannot answer it, a login
/// refused for its own reasons is still refused, and any other login fails whole as a server error.
/// </summary>
public sealed class SystemViewFailureTests
{
    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Stopped_instance_is_refused_even_while_vault_cannot_answer_the_max_lease_ttl()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Stopped);
        _plugin.SystemView.MaxLeaseTtlFailure = RequestException.Internal("system view unavailable: broker closed");

        var error = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "nonce"));

        Assert.Contains("stopped, not running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_of_a_running_instance_is_a_server_error_that_stores_nothing_when_the_max_lease_ttl_is_unknown()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.SystemView.MaxLeaseTtlFailure = RequestException.Internal("system view unavailable: broker closed");

        await RequestAssert.ServerErrorAsync(() => _plugin.LoginAsync(instance.Pkcs7, "nonce"));

        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
        Assert.Null(await _plugin.RegistryRecordAsync(instance.InstanceId));
    }
}
