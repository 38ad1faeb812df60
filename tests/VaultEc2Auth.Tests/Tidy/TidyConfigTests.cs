using System.Text.Json.Nodes;

namespace VaultEc2Auth.Tests.Tidy;

/// <summary><c>config/tidy</c>: Vault's defaults, durations read back as integer seconds, bounded input.</summary>
public sealed class TidyConfigTests
{
    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Unconfigured_tidy_reads_back_the_defaults_in_seconds()
    {
        var data = (await _plugin.ReadAsync("config/tidy"))!.Data!;

        Assert.Equal(259200, data["safety_buffer"]!.GetValue<long>());
        Assert.Equal(3600, data["interval"]!.GetValue<long>());
        Assert.False(data["disable_periodic_tidy"]!.GetValue<bool>());
        Assert.Equal(259200, data["stopped_grace"]!.GetValue<long>());
        Assert.Equal(100, data["batch_size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Durations_written_as_go_durations_read_back_as_integer_seconds_and_other_fields_keep_their_values()
    {
        await _plugin.WriteAsync("config/tidy", new JsonObject { ["safety_buffer"] = "1h30m", ["interval"] = 600, ["batch_size"] = 25 });
        await _plugin.WriteAsync("config/tidy", new JsonObject { ["disable_periodic_tidy"] = true, ["stopped_grace"] = "2h" });

        var data = (await _plugin.ReadAsync("config/tidy"))!.Data!;
        Assert.Equal(5400, data["safety_buffer"]!.GetValue<long>());
        Assert.Equal(600, data["interval"]!.GetValue<long>());
        Assert.True(data["disable_periodic_tidy"]!.GetValue<bool>());
        Assert.Equal(7200, data["stopped_grace"]!.GetValue<long>());
        Assert.Equal(25, data["batch_size"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task Batch_size_outside_1_to_100_is_a_bad_request(int batchSize)
    {
        var error = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/tidy", new JsonObject { ["batch_size"] = batchSize }));

        Assert.Contains("batch_size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interval_under_a_minute_is_a_bad_request()
    {
        var error = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/tidy", new JsonObject { ["interval"] = "30s" }));

        Assert.Contains("interval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_safety_buffer_is_a_bad_request() =>
        await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/tidy", new JsonObject { ["safety_buffer"] = -5 }));

    [Fact]
    public async Task Delete_returns_to_the_defaults()
    {
        await _plugin.WriteAsync("config/tidy", new JsonObject { ["interval"] = "2h" });

        await _plugin.DeleteAsync("config/tidy");

        Assert.Equal(3600, (await _plugin.ReadAsync("config/tidy"))!.Data!["interval"]!.GetValue<long>());
    }
}
