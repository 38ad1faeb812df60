using VaultPlugin.Sdk.Framework;

namespace VaultPlugin.Sdk.Tests.Framework;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("1d12h", 129600)]
    [InlineData(" 45m ", 2700)]
    [InlineData("0", 0)]
    [InlineData("", 0)]
    public void Text_parses_to_seconds(string text, int expectedSeconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), duration);
    }

    [Theory]
    [InlineData("1500ms", 1500)]
    [InlineData("2500us", 2.5)]
    [InlineData("2500µs", 2.5)]
    [InlineData("2500μs", 2.5)]
    public void Sub_second_units_parse_like_Go(string text, double expectedMilliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), duration);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("10x")]
    [InlineData("h")]
    [InlineData("1.5")]
    [InlineData("1..5h")]
    [InlineData("-90")]
    [InlineData("-1h")]
    [InlineData("1h-30m")]
    [InlineData("1e3s")]
    [InlineData("99999999999999999999999999h")]
    [InlineData("40000d")]
    public void Garbage_negative_and_absurd_durations_are_refused(string text) =>
        Assert.False(DurationParser.TryParse(text, out _));

    [Theory]
    [InlineData(90L, true)]
    [InlineData(0L, true)]
    [InlineData(-1L, false)]
    [InlineData(long.MaxValue, false)]
    public void Seconds_as_a_number_must_be_non_negative_and_bounded(long seconds, bool accepted)
    {
        Assert.Equal(accepted, DurationParser.TryFromSeconds(seconds, out var duration));
        if (accepted)
        {
            Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
        }
    }
}
