using VaultPlugin.Sdk.GoPlugin;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

public sealed class PluginArgumentsTests
{
    [Fact]
    public void No_arguments_mean_system_trust_and_verification()
    {
        Assert.Equal(new PluginArguments(null, null, false, null), PluginArguments.Parse([]));
    }

    [Fact]
    public void Flags_with_equals_sign_are_read()
    {
        var arguments = PluginArguments.Parse(["-ca-cert=/etc/vault/ca.pem", "-ca-path=/etc/vault/cas", "-tls-server-name=vault.internal"]);

        Assert.Equal("/etc/vault/ca.pem", arguments.CaCert);
        Assert.Equal("/etc/vault/cas", arguments.CaPath);
        Assert.Equal("vault.internal", arguments.TlsServerName);
        Assert.False(arguments.TlsSkipVerify);
    }

    [Fact]
    public void Flags_with_separate_value_and_double_dash_are_read()
    {
        var arguments = PluginArguments.Parse(["--ca-cert", "/etc/vault/ca.pem", "-tls-server-name", "vault.internal"]);

        Assert.Equal("/etc/vault/ca.pem", arguments.CaCert);
        Assert.Equal("vault.internal", arguments.TlsServerName);
    }

    [Theory]
    [InlineData("-tls-skip-verify", true)]
    [InlineData("-tls-skip-verify=true", true)]
    [InlineData("-tls-skip-verify=1", true)]
    [InlineData("-tls-skip-verify=false", false)]
    [InlineData("-tls-skip-verify=0", false)]
    public void Skip_verify_is_a_boolean_flag(string argument, bool expected) =>
        Assert.Equal(expected, PluginArguments.Parse([argument]).TlsSkipVerify);

    [Fact]
    public void Boolean_flag_does_not_consume_the_next_argument()
    {
        var arguments = PluginArguments.Parse(["-tls-skip-verify", "-ca-cert=/ca.pem"]);

        Assert.True(arguments.TlsSkipVerify);
        Assert.Equal("/ca.pem", arguments.CaCert);
    }

    [Fact]
    public void Unknown_arguments_are_ignored()
    {
        var arguments = PluginArguments.Parse(["-client-cert=/c.pem", "positional", "-ca-cert=/ca.pem"]);

        Assert.Equal("/ca.pem", arguments.CaCert);
    }

    [Fact]
    public void Trailing_flag_without_value_leaves_it_unset()
    {
        Assert.Null(PluginArguments.Parse(["-ca-cert"]).CaCert);
    }
}
