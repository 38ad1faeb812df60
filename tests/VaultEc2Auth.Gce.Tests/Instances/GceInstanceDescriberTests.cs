using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.TestSupport.Gce;

namespace VaultEc2Auth.Gce.Tests.Instances;

/// <summary>What Compute's instances.get answer becomes, and how its failures are reported.</summary>
public sealed class GceInstanceDescriberTests : IAsyncLifetime
{
    private static readonly FakeGceInstance Instance = FakeGceInstance.Sample();
    private GoogleHarness _h = null!;
    private TestServiceAccountKey _key = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await GoogleHarness.StartAsync();
        _key = TestServiceAccountKey.Create(_h.Google.TokenUri);
        _h.Google.RegisterServiceAccount(_key);
        _h.Google.AddInstance(Instance);
    }

    public async ValueTask DisposeAsync()
    {
        _key.Dispose();
        await _h.DisposeAsync();
    }

    private static VerifiedDocument DocumentOf(FakeGceInstance instance) =>
        new(instance.Id, instance.Project, "us-central1", instance.Zone, DateTimeOffset.UtcNow, "", null, null, null)
        {
            CloudProvider = CloudProviders.Gce,
            InstanceName = instance.Name,
            InstanceCreationTime = instance.CreationTime,
            ServiceAccountEmail = instance.ServiceAccounts[0],
        };

    private Task<InstanceFacts> DescribeAsync(FakeGceInstance instance, Gce.Instances.GceInstanceDescriber? describer = null) =>
        (describer ?? _h.Describer()).DescribeAsync(DocumentOf(instance), _h.Settings(_key.Json), null, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Running_instance_is_described_with_what_Compute_says()
    {
        var facts = await DescribeAsync(Instance);

        Assert.Equal(CloudProviders.Gce, facts.CloudProvider);
        Assert.Equal(Instance.Id, facts.InstanceId);
        Assert.Equal("test-project-1", facts.AccountId);
        Assert.Equal("us-central1", facts.Region);
        Assert.Equal("us-central1-a", facts.AvailabilityZone);
        Assert.Equal(InstanceState.Running, facts.State);
        Assert.Equal("web-1", facts.InstanceName);
        Assert.Equal("10.128.0.7", facts.PrivateIpv4);
        Assert.Equal(Instance.CreationTime, facts.LaunchTime);
        Assert.Equal(["vault-client@test-project-1.iam.gserviceaccount.com"], facts.ServiceAccounts);
        Assert.Equal("payments", facts.Labels["team"]);
        Assert.Equal("", facts.ImageId);
        Assert.Empty(facts.Tags);
        Assert.Null(facts.IamRoleArn);
    }

    [Fact]
    public async Task Instance_without_a_custom_hostname_gets_its_zonal_internal_DNS_name()
    {
        var facts = await DescribeAsync(Instance);

        Assert.Equal("web-1.us-central1-a.c.test-project-1.internal", facts.PrivateDnsName);
    }

    [Fact]
    public async Task Custom_hostname_chosen_by_the_instances_creator_never_becomes_its_dns_name()
    {
        var custom = FakeGceInstance.Sample("1111111111111111111", "web-2") with { Hostname = "web-1.us-central1-a.c.test-project-1.internal" };
        _h.Google.AddInstance(custom);

        Assert.Equal("web-2.us-central1-a.c.test-project-1.internal", (await DescribeAsync(custom)).PrivateDnsName);
    }

    [Fact]
    public async Task Every_attached_service_account_is_reported()
    {
        var both = FakeGceInstance.Sample("2222222222222222222", "web-3") with
        {
            ServiceAccounts = ["a-account@test-project-1.iam.gserviceaccount.com", "123456789012-compute@developer.gserviceaccount.com"],
        };
        _h.Google.AddInstance(both);

        Assert.Equal(both.ServiceAccounts, (await DescribeAsync(both)).ServiceAccounts);
    }

    [Fact]
    public async Task Only_the_fields_the_plugin_reads_are_requested()
    {
        await DescribeAsync(Instance);

        Assert.Contains(_h.Google.ComputeQueries, query => query.StartsWith("?fields=", StringComparison.Ordinal) && query.Contains("networkInterfaces", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Instance_recreated_under_the_same_name_is_reported_with_its_new_id_for_the_domain_to_refuse()
    {
        _h.Google.DeleteInstance(Instance);
        _h.Google.AddInstance(Instance with { Id = "5555555555555555555", CreationTime = Instance.CreationTime.AddDays(1) });

        var facts = await DescribeAsync(Instance);

        Assert.Equal("5555555555555555555", facts.InstanceId);
        Assert.Equal(Instance.CreationTime.AddDays(1), facts.LaunchTime);
    }

    [Fact]
    public async Task Identity_without_an_instance_name_is_refused_before_Compute_is_asked()
    {
        var document = DocumentOf(Instance) with { InstanceName = null };

        await Assert.ThrowsAsync<InvalidInput>(() => _h.Describer().DescribeAsync(document, _h.Settings(_key.Json), null, TestContext.Current.CancellationToken));
        Assert.Equal(0, _h.Google.ComputeRequests);
    }

    [Fact]
    public async Task Deleted_instance_is_refused_as_unknown()
    {
        _h.Google.DeleteInstance(Instance);

        var error = await Assert.ThrowsAsync<Refused>(() => DescribeAsync(Instance));

        Assert.Equal("unknown instance", error.Message);
    }

    [Theory]
    [InlineData("PROVISIONING", InstanceState.Pending)]
    [InlineData("STAGING", InstanceState.Pending)]
    [InlineData("RUNNING", InstanceState.Running)]
    [InlineData("STOPPING", InstanceState.Stopping)]
    [InlineData("SUSPENDING", InstanceState.Stopping)]
    [InlineData("STOPPED", InstanceState.Stopped)]
    [InlineData("SUSPENDED", InstanceState.Stopped)]
    [InlineData("TERMINATED", InstanceState.Stopped)]
    [InlineData("REPAIRING", InstanceState.Unknown)]
    public async Task Compute_status_maps_to_the_domains_state(string status, InstanceState expected)
    {
        _h.Google.SetStatus(Instance, status);

        Assert.Equal(expected, (await DescribeAsync(Instance)).State);
    }

    [Fact]
    public async Task States_of_a_batch_leave_deleted_instances_out()
    {
        var stopped = FakeGceInstance.Sample("3333333333333333333", "web-4") with { Status = "TERMINATED" };
        var deleted = FakeGceInstance.Sample("4444444444444444444", "web-5");
        _h.Google.AddInstance(stopped);

        var states = await _h.Describer().DescribeStatesAsync(
            "test-project-1", "us-central1-a", [Instance.Id, stopped.Id, deleted.Id], _h.Settings(_key.Json), null, TestContext.Current.CancellationToken);

        Assert.Equal(2, states.Count);
        Assert.Equal(InstanceState.Running, states[Instance.Id]);
        Assert.Equal(InstanceState.Stopped, states[stopped.Id]);
        Assert.False(states.ContainsKey(deleted.Id));
    }

    [Fact]
    public async Task States_of_a_batch_come_from_one_filtered_list_call()
    {
        var others = Enumerable.Range(1, 9).Select(i => FakeGceInstance.Sample($"90000000000000000{i:D2}", $"batch-{i}")).ToList();
        others.ForEach(_h.Google.AddInstance);

        var states = await _h.Describer().DescribeStatesAsync(
            "test-project-1", "us-central1-a", [Instance.Id, .. others.Select(i => i.Id)], _h.Settings(_key.Json), null, TestContext.Current.CancellationToken);

        Assert.Equal(10, states.Count);
        Assert.Equal(1, _h.Google.ComputeRequests);
        Assert.Contains(_h.Google.ComputeQueries, query => query.Contains("filter=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task States_follow_Computes_pages()
    {
        var second = FakeGceInstance.Sample("6666666666666666666", "web-6");
        _h.Google.AddInstance(second);
        _h.Google.ListPageSize = 1;

        var states = await _h.Describer().DescribeStatesAsync(
            "test-project-1", "us-central1-a", [Instance.Id, second.Id], _h.Settings(_key.Json), null, TestContext.Current.CancellationToken);

        Assert.Equal(2, states.Count);
        Assert.Equal(2, _h.Google.ComputeRequests);
    }

    [Fact]
    public async Task States_of_more_than_a_hundred_ids_are_not_asked_in_one_call() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Describer().DescribeStatesAsync(
            "test-project-1", "us-central1-a", [.. Enumerable.Range(0, 101).Select(i => (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))],
            _h.Settings(_key.Json), null, TestContext.Current.CancellationToken));

    [Fact]
    public async Task States_are_asked_by_zone_not_region() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Describer().DescribeStatesAsync(
            "test-project-1", "us-central1", [Instance.Id], _h.Settings(_key.Json), null, TestContext.Current.CancellationToken));

    [Fact]
    public async Task Compute_throttling_is_retried_until_it_answers()
    {
        _h.Google.ThrottleComputeNext(2);

        var facts = await DescribeAsync(Instance);

        Assert.Equal(Instance.Id, facts.InstanceId);
        Assert.Equal(3, _h.Google.ComputeRequests);
    }

    [Fact]
    public async Task Compute_throttling_beyond_the_retries_is_unavailable_naming_Compute()
    {
        _h.Google.ThrottleComputeNext(10);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => DescribeAsync(Instance));

        Assert.Equal(Upstream.Compute, error.Upstream);
        Assert.Equal(UpstreamProblem.Unavailable, error.Problem);
        Assert.Contains("RESOURCE_EXHAUSTED", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, _h.Google.ComputeRequests);
    }

    [Fact]
    public async Task Throttled_batch_fails_instead_of_reporting_instances_as_gone()
    {
        _h.Google.ThrottleComputeNext(10);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => _h.Describer().DescribeStatesAsync(
            "test-project-1", "us-central1-a", [Instance.Id], _h.Settings(_key.Json), null, TestContext.Current.CancellationToken));

        Assert.Equal(UpstreamProblem.Unavailable, error.Problem);
    }

    [Fact]
    public async Task Permission_denied_shows_Googles_status_and_keeps_its_text_for_the_detail()
    {
        _h.Google.FailComputeNext(1, 403);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => DescribeAsync(Instance));

        Assert.Equal(UpstreamProblem.Failed, error.Problem);
        Assert.Contains("PERMISSION_DENIED", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("compute.instances.get", error.Message, StringComparison.Ordinal);
        Assert.Contains("compute.instances.get", error.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _h.Google.ComputeRequests);
    }

    [Fact]
    public async Task Internal_error_is_a_failure_naming_Compute_without_retry()
    {
        _h.Google.FailComputeNext(1, 500);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => DescribeAsync(Instance));

        Assert.Equal(Upstream.Compute, error.Upstream);
        Assert.Equal(UpstreamProblem.Failed, error.Problem);
        Assert.Equal(1, _h.Google.ComputeRequests);
    }

    [Fact]
    public async Task Compute_that_does_not_answer_in_time_is_unavailable()
    {
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        _h.Google.StallComputeNext(10, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => DescribeAsync(Instance, _h.Describer(impatient)));

        Assert.Equal(UpstreamProblem.Unavailable, error.Problem);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_Compute_is_unavailable()
    {
        var settings = _h.Settings(_key.Json) with { GceComputeEndpoint = "http://127.0.0.1:1" };

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() =>
            _h.Describer().DescribeAsync(DocumentOf(Instance), settings, null, TestContext.Current.CancellationToken));

        Assert.Equal(Upstream.Compute, error.Upstream);
        Assert.Equal(UpstreamProblem.Unavailable, error.Problem);
    }

    [Fact]
    public async Task Revoked_access_token_is_replaced_once_and_the_call_succeeds()
    {
        var describer = _h.Describer();
        await DescribeAsync(Instance, describer);
        _h.Google.RevokeIssuedTokens();

        var facts = await DescribeAsync(Instance, describer);

        Assert.Equal(Instance.Id, facts.InstanceId);
        Assert.Equal(2, _h.Google.TokenRequests);
    }

    [Fact]
    public async Task Compute_endpoint_given_with_a_trailing_slash_works()
    {
        var settings = _h.Settings(_key.Json) with { GceComputeEndpoint = _h.Google.ComputeEndpoint + "/" };

        var facts = await _h.Describer().DescribeAsync(DocumentOf(Instance), settings, null, TestContext.Current.CancellationToken);

        Assert.Equal(Instance.Id, facts.InstanceId);
    }

    [Fact]
    public async Task Malformed_gce_compute_endpoint_is_a_configuration_failure_naming_the_field()
    {
        var settings = _h.Settings(_key.Json) with { GceComputeEndpoint = "compute.example.com" };

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() =>
            _h.Describer().DescribeAsync(DocumentOf(Instance), settings, null, TestContext.Current.CancellationToken));

        Assert.Equal(UpstreamProblem.NotConfigured, error.Problem);
        Assert.Contains("gce_compute_endpoint", error.Message, StringComparison.Ordinal);
    }
}
