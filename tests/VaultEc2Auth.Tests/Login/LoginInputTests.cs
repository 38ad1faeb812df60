using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Login;

/// <summary>The login request's fields, checked at the edge before anything else runs.</summary>
public sealed class LoginInputTests
{
    private readonly Ec2AuthHarness _plugin = new();

    private Task<LogicalResponse?> LoginWithAsync(JsonObject data) => _plugin.SendAsync(Operations.Update, "login", data);

    [Fact]
    public async Task Pkcs7_together_with_identity_and_signature_is_rejected()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await RequestAssert.BadRequestAsync(() => LoginWithAsync(new JsonObject { ["pkcs7"] = instance.Pkcs7, ["identity"] = "e30=", ["signature"] = "c2ln" }));

        Assert.Equal(0, _plugin.Verifier.Calls);
    }

    [Fact]
    public async Task Pkcs7_together_with_identity_alone_is_rejected()
    {
        await RequestAssert.BadRequestAsync(() => LoginWithAsync(new JsonObject { ["pkcs7"] = "MIAG", ["identity"] = "e30=" }));
    }

    [Fact]
    public async Task Identity_without_signature_is_rejected()
    {
        await RequestAssert.BadRequestAsync(() => LoginWithAsync(new JsonObject { ["identity"] = "e30=" }));
    }

    [Fact]
    public async Task Signature_without_identity_is_rejected()
    {
        await RequestAssert.BadRequestAsync(() => LoginWithAsync(new JsonObject { ["signature"] = "c2ln" }));
    }

    [Fact]
    public async Task Login_without_any_proof_is_rejected()
    {
        await RequestAssert.BadRequestAsync(() => LoginWithAsync(new JsonObject { ["nonce"] = "n" }));
    }

    [Fact]
    public async Task Pkcs7_longer_than_64_kib_is_rejected()
    {
        await RequestAssert.BadRequestAsync(() => LoginWithAsync(new JsonObject { ["pkcs7"] = new string('A', 65537) }));

        Assert.Equal(0, _plugin.Verifier.Calls);
    }

    [Fact]
    public async Task A_gce_mount_refuses_logins_until_the_gce_provider_exists()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.SendAsync(Operations.Update, "config/client", new JsonObject { ["cloud_provider"] = "gce" });

        await RequestAssert.BadRequestAsync(() => LoginWithAsync(new JsonObject { ["pkcs7"] = instance.Pkcs7 }));

        Assert.Equal(0, _plugin.Describer.Calls);
    }

    [Fact]
    public async Task Login_is_only_an_update()
    {
        await RequestAssert.FailsAsync(RequestErrorKind.UnsupportedOperation, () => _plugin.SendAsync(Operations.Read, "login"));
    }
}
