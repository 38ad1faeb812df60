using VaultPlugin.Sdk.GoPlugin;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

public sealed class PluginEnvironmentTests
{
    private static PluginEnvironment From(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(pair => pair.Name, pair => pair.Value, StringComparer.Ordinal);
        return PluginEnvironment.From(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void Bao_variable_wins_over_Vault_variable()
    {
        var environment = From(
            ("BAO_UNWRAP_TOKEN", "bao-token"), ("VAULT_UNWRAP_TOKEN", "vault-token"),
            ("BAO_LOG_LEVEL", "debug"), ("VAULT_LOG_LEVEL", "error"),
            ("BAO_PLUGIN_METADATA_MODE", "true"), ("VAULT_PLUGIN_METADATA_MODE", "false"));

        Assert.Equal("bao-token", environment.UnwrapToken);
        Assert.Equal("debug", environment.LogLevel);
        Assert.True(environment.MetadataMode);
    }

    [Fact]
    public void Vault_variable_is_used_when_the_Bao_variable_is_absent_or_empty()
    {
        var environment = From(("BAO_UNWRAP_TOKEN", ""), ("VAULT_UNWRAP_TOKEN", "vault-token"), ("VAULT_PLUGIN_AUTOMTLS_ENABLED", "true"));

        Assert.Equal("vault-token", environment.UnwrapToken);
        Assert.True(environment.AutoMtls);
    }

    [Fact]
    public void Client_certificate_selects_AutoMtls_even_when_only_protocol_4_is_offered()
    {
        var environment = From(("PLUGIN_PROTOCOL_VERSIONS", "4"), ("PLUGIN_CLIENT_CERT", "-----BEGIN CERTIFICATE-----"),
            ("VAULT_PLUGIN_AUTOMTLS_ENABLED", "false"));

        Assert.Equal(TlsMode.AutoMtls, environment.TlsMode);
    }

    [Fact]
    public void Metadata_mode_without_client_certificate_serves_plaintext()
    {
        var environment = From(("PLUGIN_PROTOCOL_VERSIONS", "3,4"), ("VAULT_PLUGIN_METADATA_MODE", "true"));

        Assert.Equal(TlsMode.Plaintext, environment.TlsMode);
    }

    [Fact]
    public void Neither_client_certificate_nor_metadata_mode_means_the_unwrap_token()
    {
        var environment = From(("PLUGIN_PROTOCOL_VERSIONS", "3,4"), ("VAULT_PLUGIN_METADATA_MODE", "false"), ("VAULT_UNWRAP_TOKEN", "a.b.c"));

        Assert.Equal(TlsMode.UnwrapToken, environment.TlsMode);
    }

    [Fact]
    public void Empty_client_certificate_counts_as_absent()
    {
        var environment = From(("PLUGIN_CLIENT_CERT", ""), ("VAULT_PLUGIN_METADATA_MODE", "true"));

        Assert.Null(environment.ClientCertificatePem);
        Assert.Equal(TlsMode.Plaintext, environment.TlsMode);
    }

    [Fact]
    public void Go_plugin_variables_are_read_by_their_own_names()
    {
        var environment = From(
            (PluginEnvironment.MagicCookieKey, PluginEnvironment.MagicCookieValue),
            ("PLUGIN_PROTOCOL_VERSIONS", "5"),
            ("PLUGIN_UNIX_SOCKET_DIR", "/run/plugins"),
            ("PLUGIN_UNIX_SOCKET_GROUP", "vault"),
            ("PLUGIN_MULTIPLEX_GRPC", "true"),
            ("VAULT_ADDR", "https://vault.example:8200"));

        Assert.Equal(PluginEnvironment.MagicCookieValue, environment.MagicCookie);
        Assert.Equal("5", environment.ProtocolVersions);
        Assert.Equal("/run/plugins", environment.UnixSocketDirectory);
        Assert.Equal("vault", environment.UnixSocketGroup);
        Assert.True(environment.MultiplexGrpc);
        Assert.Equal("https://vault.example:8200", environment.VaultAddress);
    }

    [Fact]
    public void Magic_cookie_is_the_backend_plugin_cookie_of_Vault_and_OpenBao()
    {
        Assert.Equal("VAULT_BACKEND_PLUGIN", PluginEnvironment.MagicCookieKey);
        Assert.Equal("6669da05-b1c8-4f49-97d9-c8e5bed98e20", PluginEnvironment.MagicCookieValue);
    }
}
