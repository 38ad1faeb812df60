using System.Text.Json.Nodes;

namespace VaultEc2Auth.Tests.Config;

/// <summary>The specification's names for config/client fields: aws_access_id, aws_secret_id, aws_region.</summary>
public sealed class ClientConfigAliasesTests
{
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Aliases_are_stored_as_the_canonical_fields_and_read_shows_only_canonical_names()
    {
        await _plugin.WriteAsync("config/client", new JsonObject
        {
            ["aws_access_id"] = "AKIAIOSFODNN7EXAMPLE",
            ["aws_secret_id"] = SecretKey,
            ["aws_region"] = "eu-west-1",
        });

        var data = (await _plugin.ReadAsync("config/client"))!.Data!;

        Assert.Equal("AKIAIOSFODNN7EXAMPLE", data["access_key"]!.GetValue<string>());
        Assert.True(data["secret_key_set"]!.GetValue<bool>());
        Assert.Equal("eu-west-1", data["region"]!.GetValue<string>());
        Assert.DoesNotContain(data, pair => pair.Key.StartsWith("aws_", StringComparison.Ordinal));
        Assert.DoesNotContain(SecretKey, data.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_given_again_under_the_specifications_names_allow_a_new_endpoint()
    {
        await _plugin.WriteAsync("config/client", new JsonObject { ["access_key"] = "AKIAIOSFODNN7EXAMPLE", ["secret_key"] = SecretKey });

        await _plugin.WriteAsync("config/client", new JsonObject
        {
            ["ec2_endpoint"] = "https://ec2.example.internal",
            ["aws_access_id"] = "AKIAIOSFODNN7EXAMPLE",
            ["aws_secret_id"] = SecretKey,
        });

        Assert.Equal("https://ec2.example.internal", (await _plugin.ReadAsync("config/client"))!.Data!["ec2_endpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Both_spellings_with_the_same_value_are_accepted()
    {
        await _plugin.WriteAsync("config/client", new JsonObject { ["region"] = "eu-west-1", ["aws_region"] = "eu-west-1" });

        Assert.Equal("eu-west-1", (await _plugin.ReadAsync("config/client"))!.Data!["region"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("access_key", "aws_access_id", "AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE")]
    [InlineData("secret_key", "aws_secret_id", SecretKey, "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")]
    [InlineData("region", "aws_region", "eu-west-1", "us-east-1")]
    public async Task Both_spellings_with_different_values_are_a_400_and_nothing_is_stored(string canonical, string alias, string first, string second)
    {
        var data = new JsonObject { ["access_key"] = "AKIAIOSFODNN7EXAMPLE", ["secret_key"] = SecretKey, [canonical] = first, [alias] = second };

        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", data));

        Assert.Contains(canonical, refusal.Message, StringComparison.Ordinal);
        Assert.Contains(alias, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(first, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(second, refusal.Message, StringComparison.Ordinal);
        Assert.Null(await _plugin.ReadAsync("config/client"));
    }

    [Fact]
    public async Task Sts_region_is_stored_and_read_back()
    {
        await _plugin.WriteAsync("config/client", new JsonObject { ["sts_region"] = "eu-central-1" });

        Assert.Equal("eu-central-1", (await _plugin.ReadAsync("config/client"))!.Data!["sts_region"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("region", "eu-west-1.evil.example.com")]
    [InlineData("aws_region", "EU-WEST-1")]
    [InlineData("sts_region", "eu-west-1/")]
    public async Task A_region_that_is_not_a_region_name_is_a_400(string field, string value)
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { [field] = value }));

        Assert.Contains(field == "aws_region" ? "region" : field, refusal.Message, StringComparison.Ordinal);
    }
}
