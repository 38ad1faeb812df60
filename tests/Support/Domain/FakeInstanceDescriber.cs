using System.Collections.Concurrent;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// Stands in for EC2 DescribeInstances and IAM: instances held in memory, changeable between calls (state, tags,
/// role), with a call count. An unknown instance, or one in another account or region than the document says, is
/// PermissionDenied, as the describer's contract says.
/// </summary>
public sealed class FakeInstanceDescriber : IInstanceDescriber
{
    private readonly ConcurrentDictionary<string, InstanceFacts> _instances = new(StringComparer.Ordinal);
    private int _calls;
    private int _batchCalls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Calls of <see cref="DescribeStatesAsync"/>, one per DescribeInstances the real adapter would make.</summary>
    public int BatchCalls => Volatile.Read(ref _batchCalls);

    /// <summary>The most ids one batch call asked about.</summary>
    public int LargestBatch { get; private set; }

    /// <summary>When set, a batch call containing this id fails as EC2 does after its retries.</summary>
    public string? FailBatchesWith { get; set; }

    /// <summary>The client settings of the last call (from config/client).</summary>
    public CloudClientSettings? LastSettings { get; private set; }

    /// <summary>The config/sts role of the last call's account, if any.</summary>
    public AccountStsRole? LastStsRole { get; private set; }

    public void Put(InstanceFacts instance) => _instances[instance.InstanceId] = instance;

    public InstanceFacts Get(string instanceId) => _instances[instanceId];

    public void Change(string instanceId, Func<InstanceFacts, InstanceFacts> change) =>
        _instances.AddOrUpdate(instanceId, _ => throw new KeyNotFoundException(instanceId), (_, facts) => change(facts));

    public void SetState(string instanceId, InstanceState state) => Change(instanceId, facts => facts with { State = state });

    public void Remove(string instanceId) => _instances.TryRemove(instanceId, out _);

    public Task<InstanceFacts> DescribeAsync(VerifiedDocument document, CloudClientSettings settings, AccountStsRole? stsRole, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        LastSettings = settings;
        LastStsRole = stsRole;
        if (!_instances.TryGetValue(document.InstanceId, out var instance) ||
            instance.AccountId != document.AccountId || instance.Region != document.Region)
        {
            throw new Refused($"instance {document.InstanceId} was not found in account {document.AccountId}, region {document.Region}");
        }

        return Task.FromResult(instance);
    }

    /// <summary>Runs while a tidy's batch is being described, before the states are returned (a race with the tidy).</summary>
    public Func<Task>? WhileDescribingBatch { get; set; }

    public async Task<IReadOnlyDictionary<string, InstanceState>> DescribeStatesAsync(
        string accountId, string region, IReadOnlyList<string> instanceIds, CloudClientSettings settings, AccountStsRole? stsRole, CancellationToken cancellationToken)
    {
        var states = DescribeStates(accountId, region, instanceIds, settings, stsRole);
        if (WhileDescribingBatch is { } racing)
        {
            await racing();
        }

        return states;
    }

    private IReadOnlyDictionary<string, InstanceState> DescribeStates(
        string accountId, string region, IReadOnlyList<string> instanceIds, CloudClientSettings settings, AccountStsRole? stsRole)
    {
        Interlocked.Increment(ref _batchCalls);
        LastSettings = settings;
        LastStsRole = stsRole;
        LargestBatch = Math.Max(LargestBatch, instanceIds.Count);
        if (FailBatchesWith is { } failing && instanceIds.Contains(failing))
        {
            throw new UpstreamFailure(Upstream.Ec2, UpstreamProblem.Unavailable, "EC2: DescribeInstances failed: RequestLimitExceeded (AWS request id fake-0001)");
        }

        var states = new Dictionary<string, InstanceState>(StringComparer.Ordinal);
        foreach (var id in instanceIds)
        {
            if (_instances.TryGetValue(id, out var instance) && instance.AccountId == accountId && LocationOf(instance) == region)
            {
                states[id] = instance.State;
            }
        }

        return states;
    }

    /// <summary>EC2 is asked per region, Compute per zone.</summary>
    private static string? LocationOf(InstanceFacts instance) =>
        instance.CloudProvider == Identity.CloudProviders.Gce ? instance.AvailabilityZone : instance.Region;
}
