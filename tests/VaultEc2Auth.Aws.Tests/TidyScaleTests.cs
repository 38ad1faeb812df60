using VaultEc2Auth.Aws;
using VaultEc2Auth.Aws.Identity;
using VaultEc2Auth.Aws.Instances;
using VaultEc2Auth.TestSupport.Tidy;

namespace VaultEc2Auth.Aws.Tests;

/// <summary>
/// The tidy over a large fleet, through the real EC2 adapter against the fake EC2's wire format: 10,000 registry
/// entries, 10% of them terminated. The count of DescribeInstances calls is the contract (ceil(N/100) plus retries);
/// time and memory are measured by benchmarks/run-tidy-bench.sh, not here.
/// </summary>
public sealed class TidyScaleTests
{
    private const int Fleet = 10_000;
    private const int Running = Fleet - (Fleet / 10);

    [Fact]
    public async Task Tidy_of_10000_instances_asks_ec2_at_most_once_per_100_plus_retries_and_removes_the_terminated()
    {
        await using var fleet = await TidyFleet.StartAsync(Fleet, () => new Ec2InstanceDescriber(new AwsCredentialSource(), TimeProvider.System, null, new InstanceMetadataRegion()), new IdentityDocumentVerifier(), new AwsIdentifierRules());

        var first = await fleet.TidyAsync();

        Assert.Equal((Fleet, Fleet / 10, Running, 0), first);
        Assert.True(fleet.Aws.CountOf("DescribeInstances") <= (Fleet + 99) / 100, $"{fleet.Aws.CountOf("DescribeInstances")} DescribeInstances calls");
        Assert.Equal(100, fleet.Aws.LargestFilter);
        Assert.All(fleet.Terminated, hash => Assert.Null(fleet.Vault.PolicyText("ec2-instance-" + hash)));
        Assert.Equal(Running, fleet.Vault.Policies.Count);
        Assert.Equal(Running, fleet.Vault.Objects.Count);

        const int retries = 3;
        fleet.Aws.ThrottleNext(retries, "DescribeInstances");
        var callsBefore = fleet.Aws.CountOf("DescribeInstances");
        var second = await fleet.TidyAsync();

        Assert.Equal((Running, 0, Running, 0), second);
        var calls = fleet.Aws.CountOf("DescribeInstances") - callsBefore;
        Assert.True(calls <= ((Running + 99) / 100) + retries, $"{calls} DescribeInstances calls with {retries} throttled");
    }
}
