using VaultPlugin.Sdk.GoPlugin;
using VaultPlugin.Sdk.Tests.GoPlugin.Peers;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>Processes that must not become a plugin: they explain why, exit 1 and print no handshake (docs/protocol.md §1.3, §9 #7).</summary>
public sealed class PluginServerStartupTests
{
    [Fact]
    public async Task Missing_magic_cookie_exits_1_and_explains_how_to_register()
    {
        using var host = GoPluginHostCertificate.Create();
        var environment = PluginEnvironments.AutoMtls(host);
        environment.Remove(PluginEnvironment.MagicCookieKey);

        var (exitCode, diagnostics, handshake) = await InProcessPlugin.RunToExitAsync(environment);

        Assert.Equal(1, exitCode);
        Assert.Contains("plugin for HashiCorp Vault", diagnostics);
        Assert.Contains("vault plugin register", diagnostics);
        Assert.Contains("vault auth enable", diagnostics);
        Assert.Empty(handshake);
    }

    [Fact]
    public async Task Database_plugin_cookie_is_refused()
    {
        using var host = GoPluginHostCertificate.Create();
        var environment = PluginEnvironments.AutoMtls(host);
        environment.Remove(PluginEnvironment.MagicCookieKey);
        environment["VAULT_DATABASE_PLUGIN"] = "926a0820-aea2-be28-51d6-83cdf00e8edb";

        var (exitCode, diagnostics, handshake) = await InProcessPlugin.RunToExitAsync(environment);

        Assert.Equal(1, exitCode);
        Assert.Contains("plugin for HashiCorp Vault", diagnostics);
        Assert.Empty(handshake);
    }

    [Fact]
    public async Task Wrong_magic_cookie_value_is_refused()
    {
        using var host = GoPluginHostCertificate.Create();
        var environment = PluginEnvironments.AutoMtls(host);
        environment[PluginEnvironment.MagicCookieKey] = "6669da05-b1c8-4f49-97d9-c8e5bed98e21";

        var (exitCode, _, handshake) = await InProcessPlugin.RunToExitAsync(environment);

        Assert.Equal(1, exitCode);
        Assert.Empty(handshake);
    }

    [Fact]
    public async Task Offer_of_only_protocol_6_exits_1_naming_the_versions()
    {
        using var host = GoPluginHostCertificate.Create();

        var (exitCode, diagnostics, handshake) = await InProcessPlugin.RunToExitAsync(PluginEnvironments.AutoMtls(host, versions: "6"));

        Assert.Equal(1, exitCode);
        Assert.Contains("'6'", diagnostics);
        Assert.Empty(handshake);
    }

    [Fact]
    public async Task Client_certificate_that_is_not_PEM_exits_1()
    {
        using var host = GoPluginHostCertificate.Create();
        var environment = PluginEnvironments.AutoMtls(host);
        environment["PLUGIN_CLIENT_CERT"] = "garbage";

        var (exitCode, diagnostics, handshake) = await InProcessPlugin.RunToExitAsync(environment);

        Assert.Equal(1, exitCode);
        Assert.Contains("PLUGIN_CLIENT_CERT", diagnostics);
        Assert.Empty(handshake);
    }

    [Fact]
    public async Task No_certificate_no_metadata_mode_and_no_unwrap_token_exits_1_rather_than_serving_plaintext()
    {
        var environment = PluginEnvironments.Metadata();
        environment["VAULT_PLUGIN_METADATA_MODE"] = "false";

        var (exitCode, diagnostics, handshake) = await InProcessPlugin.RunToExitAsync(environment);

        Assert.Equal(1, exitCode);
        Assert.Contains("VAULT_UNWRAP_TOKEN", diagnostics);
        Assert.Empty(handshake);
    }

    [Fact]
    public async Task Unwrap_token_without_api_addr_exits_1_saying_so()
    {
        var (exitCode, diagnostics, handshake) = await InProcessPlugin.RunToExitAsync(PluginEnvironments.Unwrap(WrappingTokens.Legacy("")));

        Assert.Equal(1, exitCode);
        Assert.Contains("no vault api_addr found", diagnostics);
        Assert.Empty(handshake);
    }
}
