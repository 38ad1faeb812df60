using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.TestSupport.Gce;

namespace VaultEc2Auth.Gce.Tests.Instances;

/// <summary>Where Compute's access token comes from, how long it is reused, and how its failures read.</summary>
public sealed class GoogleAccessTokensTests : IAsyncLifetime
{
    private static readonly FakeGceInstance Instance = FakeGceInstance.Sample();
    private GoogleHarness _h = null!;
    private TestServiceAccountKey _key = null!;
    private Gce.Instances.GceInstanceDescriber _describer = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await GoogleHarness.StartAsync();
        _key = TestServiceAccountKey.Create(_h.Google.TokenUri);
        _h.Google.RegisterServiceAccount(_key);
        _h.Google.AddInstance(Instance);
        _describer = _h.Describer();
    }

    public async ValueTask DisposeAsync()
    {
        _describer.Dispose();
        _key.Dispose();
        await _h.DisposeAsync();
    }

    private static readonly VerifiedDocument Document =
        new(Instance.Id, Instance.Project, "us-central1", Instance.Zone, DateTimeOffset.UtcNow, "", null, null, null)
        {
            CloudProvider = CloudProviders.Gce,
            InstanceName = Instance.Name,
        };

    private Task<InstanceFacts> DescribeAsync(string? credentials) =>
        _describer.DescribeAsync(Document, _h.Settings(credentials), null, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Service_account_assertion_is_signed_with_the_key_and_accepted_by_its_token_uri()
    {
        await DescribeAsync(_key.Json);

        Assert.Equal(1, _h.Google.TokenRequests);
        Assert.Empty(_h.Google.AssertionFailures);
        Assert.Equal(0, _h.Google.MetadataTokenRequests);
    }

    [Fact]
    public async Task Token_is_reused_until_shortly_before_it_expires()
    {
        await DescribeAsync(_key.Json);
        _h.Time.Advance(TimeSpan.FromMinutes(50));
        await DescribeAsync(_key.Json);
        Assert.Equal(1, _h.Google.TokenRequests);

        _h.Time.Advance(TimeSpan.FromMinutes(8));
        await DescribeAsync(_key.Json);

        Assert.Equal(2, _h.Google.TokenRequests);
    }

    [Fact]
    public async Task Changed_key_never_reuses_the_token_of_the_old_one()
    {
        using var rotated = TestServiceAccountKey.Create(_h.Google.TokenUri);
        _h.Google.RegisterServiceAccount(rotated);

        await DescribeAsync(_key.Json);
        await DescribeAsync(rotated.Json);

        Assert.Equal(2, _h.Google.TokenRequests);
    }

    [Fact]
    public async Task Without_gce_credentials_the_metadata_servers_token_is_used()
    {
        await DescribeAsync(null);
        await DescribeAsync(null);

        Assert.Equal(1, _h.Google.MetadataTokenRequests);
        Assert.Equal(0, _h.Google.TokenRequests);
    }

    [Fact]
    public async Task Token_endpoint_down_is_unavailable_naming_Google_OAuth2()
    {
        _h.Google.TokenEndpointDown = true;

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => DescribeAsync(_key.Json));

        Assert.Equal(Upstream.GoogleOAuth, error.Upstream);
        Assert.Equal(UpstreamProblem.Unavailable, error.Problem);
        Assert.Equal(0, _h.Google.ComputeRequests);
    }

    [Fact]
    public async Task Token_endpoint_that_recovers_within_the_retries_is_used()
    {
        _h.Google.FailTokenNext(2);

        await DescribeAsync(_key.Json);

        Assert.Equal(3, _h.Google.TokenRequests);
    }

    [Fact]
    public async Task Key_the_token_endpoint_does_not_know_is_refused_with_Googles_error_code()
    {
        using var unknown = TestServiceAccountKey.Create(_h.Google.TokenUri);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => DescribeAsync(unknown.Json));

        Assert.Equal(Upstream.GoogleOAuth, error.Upstream);
        Assert.Equal(UpstreamProblem.Failed, error.Problem);
        Assert.Contains("invalid_grant", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _h.Google.TokenRequests);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{}")]
    [InlineData("{\"type\":\"authorized_user\",\"client_email\":\"a@b.iam.gserviceaccount.com\"}")]
    public async Task Malformed_key_is_a_configuration_failure_naming_gce_credentials(string credentials)
    {
        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => DescribeAsync(credentials));

        Assert.Equal(Upstream.GoogleOAuth, error.Upstream);
        Assert.Equal(UpstreamProblem.NotConfigured, error.Problem);
        Assert.Contains("gce_credentials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_with_a_broken_private_key_is_refused_without_quoting_it()
    {
        var broken = _key.Json.Replace("MII", "XXX", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => DescribeAsync(broken));

        Assert.Equal(UpstreamProblem.NotConfigured, error.Problem);
        Assert.Contains("private_key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("XXX", error.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _h.Google.TokenRequests);
    }

    [Fact]
    public async Task Token_uri_over_plain_http_to_a_remote_host_is_refused()
    {
        var remote = _key.Json.Replace(_h.Google.TokenUri.AbsoluteUri, "http://oauth2.example.com/token", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => DescribeAsync(remote));

        Assert.Equal(UpstreamProblem.NotConfigured, error.Problem);
        Assert.Contains("token_uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_off_GCE_the_operator_is_told_to_set_gce_credentials()
    {
        using var describer = new Gce.Instances.GceInstanceDescriber(_h.Http, _h.Time, new Uri("http://127.0.0.1:1/computeMetadata/v1/instance/service-accounts/default/token"), _ => TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() =>
            describer.DescribeAsync(Document, _h.Settings(), null, TestContext.Current.CancellationToken));

        Assert.Equal(Upstream.GoogleOAuth, error.Upstream);
        Assert.Equal(UpstreamProblem.NotConfigured, error.Problem);
        Assert.Contains("gce_credentials", error.Message, StringComparison.Ordinal);
    }
}
