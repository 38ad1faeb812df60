using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Login;

/// <summary>
/// <c>resolve-role</c> on <c>login</c> (Vault 1.10+, for role-based rate-limit quotas): which role a login would
/// use, with no side effects.
/// </summary>
public sealed class ResolveRoleTests
{
    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Resolve_role_answers_the_role_a_login_would_use_and_stores_and_writes_nothing()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        var before = await _plugin.StorageSnapshotAsync();

        var response = await _plugin.SendAsync(Operations.ResolveRole, "login", Ec2AuthHarness.LoginData(instance.Pkcs7, nonce: "n-1"));

        Assert.Equal("web", response!.Data!["role"]!.GetValue<string>());
        Assert.Null(response.Auth);
        Assert.Equal(before, await _plugin.StorageSnapshotAsync());
        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
        Assert.Equal(0, _plugin.Vault.Writes);
    }

    [Fact]
    public async Task Resolve_role_names_the_requested_role_among_several_matches()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.CreateRoleAsync("web-canary");
        var instance = _plugin.Launch();

        var response = await _plugin.SendAsync(Operations.ResolveRole, "login", Ec2AuthHarness.LoginData(instance.Pkcs7, role: "web-canary"));

        Assert.Equal("web-canary", response!.Data!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resolve_role_for_an_instance_no_role_matches_is_denied()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch(iamRoleArn: "arn:aws:iam::123456789012:role/db-server");

        await RequestAssert.DeniedAsync(() => _plugin.SendAsync(Operations.ResolveRole, "login", Ec2AuthHarness.LoginData(instance.Pkcs7)));
    }

    [Fact]
    public async Task Resolve_role_without_a_document_is_a_400()
    {
        await RequestAssert.BadRequestAsync(() => _plugin.SendAsync(Operations.ResolveRole, "login", new()));
    }
}
