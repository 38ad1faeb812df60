using VaultEc2Auth.Aws.Instances;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Instances;
using VaultEc2Auth.TestSupport.Aws;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Aws.Tests.Instances.DescriberHarness;

namespace VaultEc2Auth.Aws.Tests.Instances;

/// <summary>DescribeStatesAsync: the tidy's batched DescribeInstances, one call for up to 100 ids.</summary>
public sealed class BatchDescribeTests
{
    private const string Terminated = "i-0a1b2c3d4e5f60001";
    private const string Stopped = "i-0a1b2c3d4e5f60002";
    private const string NeverKnown = "i-0ffffffffffffffff";

    private static async Task<DescriberHarness> FleetAsync()
    {
        var aws = await StartAsync();
        aws.Server.AddInstance(new FakeInstance(Terminated, AccountId, ImageId, "eu-west-1a", PendingTime, "terminated"));
        aws.Server.AddInstance(new FakeInstance(Stopped, AccountId, ImageId, "eu-west-1a", PendingTime, "stopped"));
        return aws;
    }

    [Fact]
    public async Task States_of_several_instances_come_from_one_call_and_an_unknown_id_is_left_out()
    {
        await using var aws = await FleetAsync();

        var states = await aws.Describer.DescribeStatesAsync(AccountId, "eu-west-1", [InstanceId, Terminated, Stopped, NeverKnown], aws.Settings(), null, TestContext.Current.CancellationToken);

        Assert.Equal(InstanceState.Running, states[InstanceId]);
        Assert.Equal(InstanceState.Terminated, states[Terminated]);
        Assert.Equal(InstanceState.Stopped, states[Stopped]);
        Assert.False(states.ContainsKey(NeverKnown));
        Assert.Equal(1, aws.Server.CountOf("DescribeInstances"));
        Assert.Equal(4, aws.Server.LargestFilter);
    }

    [Fact]
    public async Task Throttled_call_is_retried_with_backoff_and_answers()
    {
        await using var aws = await FleetAsync();
        aws.Server.ThrottleNext(2, "DescribeInstances");

        var states = await aws.Describer.DescribeStatesAsync(AccountId, "eu-west-1", [InstanceId, Terminated], aws.Settings(maxRetries: 3), null, TestContext.Current.CancellationToken);

        Assert.Equal(2, states.Count);
        Assert.Equal(3, aws.Server.CountOf("DescribeInstances"));
    }

    [Fact]
    public async Task Throttling_past_the_retries_is_a_502_naming_the_aws_request_id()
    {
        await using var aws = await FleetAsync();
        aws.Server.ThrottleNext(10, "DescribeInstances");

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() =>
            aws.Describer.DescribeStatesAsync(AccountId, "eu-west-1", [InstanceId], aws.Settings(maxRetries: 1), null, TestContext.Current.CancellationToken));

        Assert.Equal(Upstream.Ec2, error.Upstream);
        Assert.Contains("RequestLimitExceeded", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS request id fake-", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_100_ids_in_one_call_are_refused_before_asking_ec2()
    {
        await using var aws = await FleetAsync();
        var ids = Enumerable.Range(0, Ec2InstanceDescriber.MaxIdsPerCall + 1).Select(i => $"i-{i:x17}").ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => aws.Describer.DescribeStatesAsync(AccountId, "eu-west-1", ids, aws.Settings(), null, TestContext.Current.CancellationToken));

        Assert.Equal(0, aws.Server.CountOf("DescribeInstances"));
    }
}
