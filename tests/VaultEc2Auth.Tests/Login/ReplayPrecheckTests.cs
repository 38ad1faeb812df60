using System.Text.Json.Nodes;

namespace VaultEc2Auth.Tests.Login;

/// <summary>
/// Finding 3 (lock starvation): what is denied whatever the role is denied before the instance lock and before EC2,
/// so wrong-nonce logins with a victim's document cannot hold the victim's lock.
/// </summary>
public sealed class ReplayPrecheckTests
{
    private const string Nonce = "5defbf9e-a8f9-3063-bdfc-54b7a42a1f95";

    private readonly Ec2AuthHarness _plugin = new();

    private async Task<LaunchedInstance> LoggedInAsync(JsonObject? roleFields = null)
    {
        await _plugin.SetUpPkiRoleAsync(roleFields);
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, Nonce);
        return instance;
    }

    [Fact]
    public async Task Burst_of_wrong_nonce_logins_never_asks_ec2()
    {
        var instance = await LoggedInAsync(new JsonObject { ["allow_instance_migration"] = true });
        var described = _plugin.Describer.Calls;

        for (var attempt = 0; attempt < 25; attempt++)
        {
            var error = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, $"guess-{attempt}"));
            Assert.Equal("client nonce mismatch", error.Message);
        }

        Assert.Equal(described, _plugin.Describer.Calls);
    }

    [Fact]
    public async Task Wrong_nonce_logins_after_the_entry_expired_never_ask_ec2_either()
    {
        var instance = await LoggedInAsync(new JsonObject { ["token_max_ttl"] = "1h" });
        _plugin.Clock.Advance(TimeSpan.FromDays(40));
        var described = _plugin.Describer.Calls;

        var error = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "guess"));

        Assert.Equal("client nonce mismatch", error.Message);
        Assert.Equal(described, _plugin.Describer.Calls);
    }

    [Fact]
    public async Task Older_document_is_denied_without_asking_ec2()
    {
        var instance = await LoggedInAsync();
        var described = _plugin.Describer.Calls;

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(
            _plugin.DocumentWithPendingTime(instance, instance.Document.PendingTime.AddHours(-1)), Nonce));

        Assert.Equal(described, _plugin.Describer.Calls);
    }

    [Fact]
    public async Task Reauthentication_the_entry_forbids_is_denied_without_asking_ec2()
    {
        var instance = await LoggedInAsync(new JsonObject { ["disallow_reauthentication"] = true });
        var described = _plugin.Describer.Calls;

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, Nonce));

        Assert.Equal(described, _plugin.Describer.Calls);
    }

    [Fact]
    public async Task Newer_document_with_another_nonce_still_reaches_the_role_decision()
    {
        var instance = await LoggedInAsync(new JsonObject { ["allow_instance_migration"] = true });
        var described = _plugin.Describer.Calls;

        var auth = await _plugin.LoginAsync(_plugin.DocumentWithPendingTime(instance, instance.Document.PendingTime.AddHours(1)), "new-nonce");

        Assert.Equal(instance.InstanceId, auth.AliasName);
        Assert.Equal(described + 1, _plugin.Describer.Calls);
    }

    [Fact]
    public async Task Right_nonce_still_logs_in()
    {
        var instance = await LoggedInAsync();

        var auth = await _plugin.LoginAsync(instance.Pkcs7, Nonce);

        Assert.Equal(instance.InstanceId, auth.AliasName);
    }
}
