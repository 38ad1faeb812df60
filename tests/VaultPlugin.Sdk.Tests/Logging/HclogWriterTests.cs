using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using VaultPlugin.Sdk.Logging;

namespace VaultPlugin.Sdk.Tests.Logging;

public sealed partial class HclogWriterTests
{
    private readonly MemoryStream _output = new();

    private List<JsonElement> Lines()
    {
        var text = Encoding.UTF8.GetString(_output.ToArray());
        Assert.EndsWith("\n", text);
        return [.. text.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    [Fact]
    public void Line_is_a_JSON_object_whose_hclog_keys_are_strings()
    {
        new HclogWriter(_output, HclogLevel.Info).Write(HclogLevel.Info, "ec2", "login accepted", [new("instance_id", "i-0abc")]);

        var line = Assert.Single(Lines());
        Assert.Equal(JsonValueKind.Object, line.ValueKind);
        foreach (var key in new[] { "@level", "@message", "@timestamp", "@module" })
        {
            Assert.Equal(JsonValueKind.String, line.GetProperty(key).ValueKind);
        }

        Assert.Equal("info", line.GetProperty("@level").GetString());
        Assert.Equal("login accepted", line.GetProperty("@message").GetString());
        Assert.Equal("ec2", line.GetProperty("@module").GetString());
        Assert.Equal("i-0abc", line.GetProperty("instance_id").GetString());
    }

    [Fact]
    public void Timestamp_has_six_fraction_digits_and_ends_in_Z()
    {
        new HclogWriter(_output, HclogLevel.Trace).Write(HclogLevel.Warn, "ec2", "slow");

        var timestamp = Assert.Single(Lines()).GetProperty("@timestamp").GetString()!;
        Assert.Matches(GoMicrosecondLayout(), timestamp);
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture) < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Each_write_is_exactly_one_line_even_with_newlines_in_the_message()
    {
        var writer = new HclogWriter(_output, HclogLevel.Trace);

        writer.Write(HclogLevel.Error, "ec2", "first\nsecond");
        writer.Write(HclogLevel.Debug, "ec2", "third", [new("detail", "a\r\nb")]);

        var lines = Lines();
        Assert.Equal(2, lines.Count);
        Assert.Equal("first\nsecond", lines[0].GetProperty("@message").GetString());
    }

    [Fact]
    public void Nothing_below_the_minimum_level_is_written()
    {
        var writer = new HclogWriter(_output, HclogLevel.Warn);

        writer.Write(HclogLevel.Trace, "ec2", "t");
        writer.Write(HclogLevel.Debug, "ec2", "d");
        writer.Write(HclogLevel.Info, "ec2", "i");
        writer.Write(HclogLevel.Warn, "ec2", "w");
        writer.Write(HclogLevel.Error, "ec2", "e");

        Assert.Equal(["warn", "error"], Lines().Select(line => line.GetProperty("@level").GetString()));
    }

    [Fact]
    public void Levels_are_the_names_the_host_understands()
    {
        var writer = new HclogWriter(_output, HclogLevel.Trace);
        foreach (var level in new[] { HclogLevel.Trace, HclogLevel.Debug, HclogLevel.Info, HclogLevel.Warn, HclogLevel.Error })
        {
            writer.Write(level, "ec2", "m");
        }

        Assert.Equal(["trace", "debug", "info", "warn", "error"], Lines().Select(line => line.GetProperty("@level").GetString()));
    }

    [Fact]
    public void Off_writes_nothing_at_all()
    {
        var writer = new HclogWriter(_output, HclogLevel.Off);

        writer.Write(HclogLevel.Error, "ec2", "e");
        writer.Write(HclogLevel.Off, "ec2", "o");

        Assert.Equal(0, _output.Length);
    }

    [Fact]
    public void Fields_cannot_override_the_hclog_keys_and_null_values_become_empty_strings()
    {
        new HclogWriter(_output, HclogLevel.Info).Write(HclogLevel.Info, "ec2", "real", [new("@message", "fake"), new("@level", "error"), new("reason", null)]);

        var line = Assert.Single(Lines());
        Assert.Equal("real", line.GetProperty("@message").GetString());
        Assert.Equal("info", line.GetProperty("@level").GetString());
        Assert.Equal("", line.GetProperty("reason").GetString());
        Assert.Single(line.EnumerateObject(), property => property.Name == "@message");
    }

    [Theory]
    [InlineData("trace", HclogLevel.Trace)]
    [InlineData("DEBUG", HclogLevel.Debug)]
    [InlineData(" info ", HclogLevel.Info)]
    [InlineData("warn", HclogLevel.Warn)]
    [InlineData("warning", HclogLevel.Warn)]
    [InlineData("err", HclogLevel.Error)]
    [InlineData("off", HclogLevel.Off)]
    [InlineData(null, HclogLevel.Info)]
    [InlineData("loud", HclogLevel.Info)]
    public void Vault_log_level_names_parse(string? text, HclogLevel expected) =>
        Assert.Equal(expected, HclogLevels.Parse(text));

    [Fact]
    public void Framework_logs_are_routed_into_hclog_lines()
    {
        using var provider = new HclogLoggerProvider(new HclogWriter(_output, HclogLevel.Info));
        var logger = provider.CreateLogger("Microsoft.AspNetCore.Server.Kestrel");

        logger.LogDebug("hidden");
        logger.LogWarning("connection reset");
        logger.LogError(new InvalidOperationException("bad"), "request failed");

        var lines = Lines();
        Assert.Equal(2, lines.Count);
        Assert.Equal("Microsoft.AspNetCore.Server.Kestrel", lines[0].GetProperty("@module").GetString());
        Assert.Equal("warn", lines[0].GetProperty("@level").GetString());
        Assert.Equal("error", lines[1].GetProperty("@level").GetString());
        Assert.Contains("bad", lines[1].GetProperty("error").GetString());
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex GoMicrosecondLayout();
}
