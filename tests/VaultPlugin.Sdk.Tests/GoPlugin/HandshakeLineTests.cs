using VaultPlugin.Sdk.GoPlugin;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

public sealed class HandshakeLineTests
{
    [Fact]
    public void AutoMtls_line_has_exactly_six_fields_in_go_plugin_order()
    {
        var line = HandshakeLine.Format(5, "unix", "/tmp/vault-plugin-x/plugin123", "MIIBcert");

        Assert.Equal("1|5|unix|/tmp/vault-plugin-x/plugin123|grpc|MIIBcert\n", line);
        Assert.Equal(6, line.TrimEnd('\n').Split('|').Length);
    }

    [Fact]
    public void Line_ends_in_a_single_newline()
    {
        var line = HandshakeLine.Format(4, "unix", "/tmp/p", "");

        Assert.EndsWith("\n", line);
        Assert.DoesNotContain("\r", line);
        Assert.Equal(1, line.Count(character => character == '\n'));
    }

    [Fact]
    public void Line_without_certificate_keeps_an_empty_sixth_field_and_no_seventh()
    {
        var fields = HandshakeLine.Format(4, "unix", "/tmp/p", "").TrimEnd('\n').Split('|');

        Assert.Equal(["1", "4", "unix", "/tmp/p", "grpc", ""], fields);
    }
}
