using System.Text.Json.Nodes;
using VaultEc2Auth.Config;
using VaultEc2Auth.Instances;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Config;

/// <summary><c>config/client</c>: how the plugin reaches AWS. The secret key never comes back out.</summary>
public sealed class ClientConfigTests
{
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private readonly Ec2AuthHarness _plugin = new();

    private Task<LogicalResponse?> WriteKeysAsync(JsonObject? extra = null)
    {
        var data = new JsonObject { ["access_key"] = "AKIAIOSFODNN7EXAMPLE", ["secret_key"] = SecretKey };
        foreach (var (key, value) in extra ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return _plugin.WriteAsync("config/client", data);
    }

    [Fact]
    public async Task Read_reports_secret_key_set_and_never_the_secret_key()
    {
        await WriteKeysAsync();

        var data = (await _plugin.ReadAsync("config/client"))!.Data!;

        Assert.True(data["secret_key_set"]!.GetValue<bool>());
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", data["access_key"]!.GetValue<string>());
        Assert.False(data.ContainsKey("secret_key"));
        Assert.DoesNotContain(SecretKey, data.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_without_keys_reports_secret_key_not_set()
    {
        await _plugin.WriteAsync("config/client", new JsonObject { ["region"] = "eu-central-1" });

        var data = (await _plugin.ReadAsync("config/client"))!.Data!;

        Assert.False(data["secret_key_set"]!.GetValue<bool>());
        Assert.Equal("aws", data["cloud_provider"]!.GetValue<string>());
        Assert.Equal(-1, data["max_retries"]!.GetValue<int>());
    }

    [Fact]
    public async Task Access_key_without_secret_key_is_rejected()
    {
        await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { ["access_key"] = "AKIAIOSFODNN7EXAMPLE" }));

        Assert.Null(await _plugin.ReadAsync("config/client"));
    }

    [Fact]
    public async Task Secret_key_without_access_key_is_rejected()
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { ["secret_key"] = SecretKey }));

        Assert.DoesNotContain(SecretKey, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ec2_endpoint", "not a url")]
    [InlineData("ec2_endpoint", "ftp://ec2.example.com")]
    [InlineData("iam_endpoint", "https://user:password@iam.example.com")]
    [InlineData("sts_endpoint", "sts.amazonaws.com")]
    public async Task Endpoint_that_is_not_an_http_url_is_rejected(string field, string value)
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { [field] = value }));

        Assert.Contains(field, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(101)]
    public async Task Max_retries_out_of_range_is_rejected(int retries)
    {
        await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { ["max_retries"] = retries }));
    }

    [Theory]
    [InlineData("ec2_endpoint")]
    [InlineData("iam_endpoint")]
    [InlineData("sts_endpoint")]
    public async Task Changing_an_endpoint_while_keys_are_stored_requires_the_keys_again(string field)
    {
        await WriteKeysAsync();

        var refusal = await RequestAssert.BadRequestAsync(() =>
            _plugin.SendAsync(Operations.Update, "config/client", new JsonObject { [field] = "https://attacker.example.com" }));

        Assert.Contains("access_key and secret_key must be given again", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(field, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, refusal.Message, StringComparison.Ordinal);
        Assert.Equal("", (await _plugin.ReadAsync("config/client"))!.Data![field]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_an_endpoint_with_the_keys_given_again_is_stored()
    {
        await WriteKeysAsync();

        await WriteKeysAsync(new JsonObject { ["ec2_endpoint"] = "https://ec2.eu-central-1.amazonaws.com" });

        var data = (await _plugin.ReadAsync("config/client"))!.Data!;
        Assert.True(data["secret_key_set"]!.GetValue<bool>());
        Assert.Equal("https://ec2.eu-central-1.amazonaws.com", data["ec2_endpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_keeps_the_stored_keys_when_the_destination_stays_the_same()
    {
        await WriteKeysAsync(new JsonObject { ["ec2_endpoint"] = "https://ec2.eu-central-1.amazonaws.com" });

        await _plugin.SendAsync(Operations.Update, "config/client", new JsonObject
        {
            ["ec2_endpoint"] = "https://ec2.eu-central-1.amazonaws.com",
            ["region"] = "eu-central-1",
            ["max_retries"] = 3,
        });

        var data = (await _plugin.ReadAsync("config/client"))!.Data!;
        Assert.True(data["secret_key_set"]!.GetValue<bool>());
        Assert.Equal("eu-central-1", data["region"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_an_endpoint_without_stored_keys_needs_no_keys()
    {
        await _plugin.WriteAsync("config/client", new JsonObject { ["region"] = "eu-central-1" });

        await _plugin.SendAsync(Operations.Update, "config/client", new JsonObject { ["ec2_endpoint"] = "https://ec2.eu-central-1.amazonaws.com" });

        Assert.Equal("https://ec2.eu-central-1.amazonaws.com", (await _plugin.ReadAsync("config/client"))!.Data!["ec2_endpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Secret_key_is_stored_seal_wrapped()
    {
        await WriteKeysAsync();

        Assert.True((await _plugin.Storage.GetAsync(ClientConfigPath.StorageKey, CancellationToken.None))!.SealWrap);
    }

    [Fact]
    public async Task Login_describes_the_instance_with_the_configured_client_settings()
    {
        await WriteKeysAsync(new JsonObject { ["ec2_endpoint"] = "https://vpce-ec2.example.com", ["max_retries"] = 3 });
        await _plugin.SetUpPkiRoleAsync();

        await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Equal(
            new CloudClientSettings("aws", "AKIAIOSFODNN7EXAMPLE", SecretKey, null, "https://vpce-ec2.example.com", null, null, 3),
            _plugin.Describer.LastSettings);
    }

    [Fact]
    public async Task Login_without_config_client_uses_the_default_credential_chain()
    {
        await _plugin.SetUpPkiRoleAsync();

        await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Equal(CloudClientSettings.Default, _plugin.Describer.LastSettings);
    }

    [Fact]
    public async Task Delete_returns_to_the_default_credential_chain()
    {
        await WriteKeysAsync();
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.DeleteAsync("config/client");

        await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Null(await _plugin.ReadAsync("config/client"));
        Assert.Equal(CloudClientSettings.Default, _plugin.Describer.LastSettings);
    }
}
