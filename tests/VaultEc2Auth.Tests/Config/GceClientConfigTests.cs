using System.Text.Json.Nodes;
using static VaultEc2Auth.Tests.GceHarness;

namespace VaultEc2Auth.Tests.Config;

/// <summary><c>config/client</c> for GCE: the service-account key is checked on write and never comes back out.</summary>
public sealed class GceClientConfigTests
{
    private const string PrivateKey = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7-not-a-real-key\n-----END PRIVATE KEY-----\n";

    private readonly Ec2AuthHarness _plugin = new();

    private static string Key(string tokenUri = "https://oauth2.googleapis.com/token", string type = "service_account") => new JsonObject
    {
        ["type"] = type,
        ["project_id"] = Project,
        ["private_key_id"] = "0123456789abcdef",
        ["private_key"] = PrivateKey,
        ["client_email"] = "vault-auth@fleet-prod-123.iam.gserviceaccount.com",
        ["token_uri"] = tokenUri,
    }.ToJsonString();

    [Fact]
    public async Task Read_reports_gce_credentials_set_and_never_the_key()
    {
        await _plugin.WriteAsync("config/client", new JsonObject { ["cloud_provider"] = "gce", ["gce_credentials"] = Key(), ["gce_audience"] = Audience });

        var data = (await _plugin.ReadAsync("config/client"))!.Data!;

        Assert.True(data["gce_credentials_set"]!.GetValue<bool>());
        Assert.Equal(Audience, data["gce_audience"]!.GetValue<string>());
        Assert.False(data.ContainsKey("gce_credentials"));
        Assert.DoesNotContain("PRIVATE KEY", data.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[]", "service_account")]
    [InlineData("{\"type\":\"authorized_user\"}", "service_account")]
    [InlineData("{\"type\":\"service_account\",\"private_key\":\"k\",\"token_uri\":\"https://t\"}", "client_email")]
    public async Task Malformed_gce_credentials_are_a_bad_request_naming_the_field_without_quoting_it(string key, string reason)
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { ["cloud_provider"] = "gce", ["gce_credentials"] = key }));

        Assert.Contains("gce_credentials", refusal.Message);
        Assert.Contains(reason, refusal.Message);
        Assert.Null(await _plugin.ReadAsync("config/client"));
    }

    [Fact]
    public async Task Key_whose_token_uri_is_not_a_url_is_a_bad_request()
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { ["cloud_provider"] = "gce", ["gce_credentials"] = Key("file:///etc/passwd") }));

        Assert.Contains("token_uri", refusal.Message);
    }

    [Fact]
    public async Task Changing_gce_compute_endpoint_without_giving_the_key_again_is_refused()
    {
        await _plugin.WriteAsync("config/client", new JsonObject { ["cloud_provider"] = "gce", ["gce_credentials"] = Key(), ["gce_compute_endpoint"] = "https://compute.googleapis.com" });

        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { ["gce_compute_endpoint"] = "https://attacker.example" }));

        Assert.Contains("gce_credentials must be given again", refusal.Message);
        Assert.Equal("https://compute.googleapis.com", (await _plugin.ReadAsync("config/client"))!.Data!["gce_compute_endpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_gce_compute_endpoint_with_the_key_given_again_is_accepted()
    {
        await _plugin.WriteAsync("config/client", new JsonObject { ["cloud_provider"] = "gce", ["gce_credentials"] = Key(), ["gce_compute_endpoint"] = "https://compute.googleapis.com" });

        await _plugin.WriteAsync("config/client", new JsonObject { ["gce_credentials"] = Key(), ["gce_compute_endpoint"] = "https://compute.internal.example" });

        Assert.Equal("https://compute.internal.example", (await _plugin.ReadAsync("config/client"))!.Data!["gce_compute_endpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gce_compute_endpoint_that_is_not_a_url_is_a_bad_request()
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { ["cloud_provider"] = "gce", ["gce_compute_endpoint"] = "compute" }));

        Assert.Contains("gce_compute_endpoint", refusal.Message);
    }

    [Theory]
    [InlineData("gce_compute_endpoint", "http://collector.example/")]
    [InlineData("gce_certs_endpoint", "http://keys.example/certs")]
    public async Task Google_endpoint_in_clear_to_a_remote_host_is_a_bad_request(string field, string url)
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { ["cloud_provider"] = "gce", [field] = url }));

        Assert.Contains(field, refusal.Message);
        Assert.Contains("https", refusal.Message);
    }

    [Fact]
    public async Task Key_whose_token_uri_is_plain_http_to_a_remote_host_is_a_bad_request()
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { ["cloud_provider"] = "gce", ["gce_credentials"] = Key("http://oauth.example/token") }));

        Assert.Contains("token_uri", refusal.Message);
    }

    [Fact]
    public async Task Changing_gce_compute_endpoint_with_the_metadata_servers_credentials_needs_them_stated_again()
    {
        await _plugin.WriteAsync("config/client", new JsonObject { ["cloud_provider"] = "gce", ["gce_compute_endpoint"] = "https://compute.googleapis.com" });

        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("config/client", new JsonObject { ["gce_compute_endpoint"] = "https://attacker.example" }));
        await _plugin.WriteAsync("config/client", new JsonObject { ["gce_credentials"] = "", ["gce_compute_endpoint"] = "https://compute.internal.example" });

        Assert.Contains("gce_credentials must be given again", refusal.Message);
        Assert.Equal("https://compute.internal.example", (await _plugin.ReadAsync("config/client"))!.Data!["gce_compute_endpoint"]!.GetValue<string>());
    }
}
