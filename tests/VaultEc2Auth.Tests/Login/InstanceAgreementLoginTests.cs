namespace VaultEc2Auth.Tests.Login;

/// <summary>The describe step every login, renewal and preview goes through refuses an instance that disagrees with its document.</summary>
public sealed class InstanceAgreementLoginTests
{
    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Login_of_an_instance_whose_image_differs_from_its_document_is_denied_and_nothing_is_written()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Describer.Change(instance.InstanceId, facts => facts with { ImageId = "ami-0fffffffffffffff0" });

        var refusal = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        Assert.Equal("instance image differs from the identity document", refusal.Message);
        Assert.Equal(0, _plugin.Vault.Writes);
    }

    [Fact]
    public async Task Login_with_a_document_from_the_future_is_denied_before_the_instance_is_described()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        var future = _plugin.DocumentWithPendingTime(instance, Ec2AuthHarness.Start.AddHours(1));

        var refusal = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(future));

        Assert.Equal("identity document pendingTime is in the future", refusal.Message);
        Assert.Equal(0, _plugin.Describer.Calls);
    }

    [Fact]
    public async Task Renewal_after_the_instance_was_restarted_from_another_image_is_denied()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        var auth = await _plugin.LoginAsync(instance.Pkcs7);
        _plugin.Describer.Change(instance.InstanceId, facts => facts with { ImageId = "ami-0fffffffffffffff0" });

        var refusal = await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));

        Assert.Equal("instance image differs from the identity document", refusal.Message);
    }
}
