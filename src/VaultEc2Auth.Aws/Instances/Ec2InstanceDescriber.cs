using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultPlugin.Sdk.Framework;
using InstanceState = VaultEc2Auth.Instances.InstanceState;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// Describes the document's instance with EC2 DescribeInstances in the document's region (SDK standard retries
/// with backoff) and resolves its role through IAM GetInstanceProfile; the domain checks that it agrees with the
/// document (<see cref="InstanceAgreement"/>). For an account with config/sts both calls use that role's assumed
/// credentials. STS and IAM are addressed in the API region: config/client's region, else the region Vault runs in
/// (instance metadata), else the document's.
/// </summary>
public sealed class Ec2InstanceDescriber : IInstanceDescriber, IDisposable
{
    /// <summary>The most instance ids one DescribeInstances call is asked about.</summary>
    public const int MaxIdsPerCall = 100;

    private readonly Ec2ClientCache _clients;
    private readonly IamRoleResolver _roles;
    private readonly AssumedRoleSessions _sessions;
    private readonly InstanceMetadataRegion _hostRegion;
    private readonly HttpClient? _ownedHttp;

    public Ec2InstanceDescriber()
        : this(new AwsCredentialSource(), TimeProvider.System, null, new InstanceMetadataRegion())
    {
    }

    /// <param name="credentialSource">Where credentials come from when config/client has no keys.</param>
    /// <param name="time">Clock for the role cache and session expiry.</param>
    /// <param name="awsHttp">HTTP client for IAM and STS; one is created and owned when null.</param>
    /// <param name="hostRegion">Where the region Vault runs in comes from when config/client has none.</param>
    public Ec2InstanceDescriber(AwsCredentialSource credentialSource, TimeProvider time, HttpClient? awsHttp, InstanceMetadataRegion hostRegion)
    {
        _hostRegion = hostRegion;
        if (awsHttp is null)
        {
            _ownedHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        }
        _clients = new Ec2ClientCache(credentialSource);
        _roles = new IamRoleResolver(awsHttp ?? _ownedHttp!, time, FullJitterBackoff);
        _sessions = new AssumedRoleSessions(new StsAssumeRoleCall(awsHttp ?? _ownedHttp!, time, FullJitterBackoff), time);
        _clients.SettingsChanged += _roles.Clear;
        _clients.SettingsChanged += _sessions.Clear;
    }

    public async Task<InstanceFacts> DescribeAsync(
        VerifiedDocument document, CloudClientSettings settings, AccountStsRole? stsRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(settings);
        var assumedRole = stsRole is null
            ? null
            : await _sessions.GetAsync(
                document.AccountId, stsRole, () => StsTargetAsync(document, settings), settings.MaxRetries, _clients.CredentialsFor(settings), cancellationToken).ConfigureAwait(false);
        var (client, credentials) = _clients.Get(document.Region, settings, assumedRole);
        var (ownerId, instance) = await DescribeOneAsync(client, document.InstanceId, cancellationToken).ConfigureAwait(false);
        var profileArn = instance.IamInstanceProfile?.Arn;
        var roleArn = string.IsNullOrEmpty(profileArn)
            ? null
            : await _roles.ResolveRoleArnAsync(profileArn, await ApiRegionAsync(document, settings).ConfigureAwait(false), settings, credentials, cancellationToken).ConfigureAwait(false);
        return InstanceFactsMapping.From(document, ownerId, instance, profileArn, roleArn);
    }

    public async Task<IReadOnlyDictionary<string, InstanceState>> DescribeStatesAsync(
        string accountId, string region, IReadOnlyList<string> instanceIds, CloudClientSettings settings, AccountStsRole? stsRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        ArgumentNullException.ThrowIfNull(settings);
        if (instanceIds.Count > MaxIdsPerCall)
        {
            throw new ArgumentException($"at most {MaxIdsPerCall} instance ids per DescribeInstances call", nameof(instanceIds));
        }

        var states = new Dictionary<string, InstanceState>(StringComparer.Ordinal);
        if (instanceIds.Count == 0)
        {
            return states;
        }

        // A filter, not InstanceId.N: EC2 fails the whole call when one listed id is unknown (terminated long ago),
        // while a filter simply leaves it out of the answer.
        var wanted = instanceIds.ToHashSet(StringComparer.Ordinal);
        // Another account's instances are visible only to its assumed role: asked with config/client's own
        // credentials they would all look unknown, and the tidy would remove them.
        var assumedRole = stsRole is null
            ? null
            : await _sessions.GetAsync(accountId, stsRole, () => StsTargetAsync(region, settings), settings.MaxRetries, _clients.CredentialsFor(settings), cancellationToken).ConfigureAwait(false);
        var (client, _) = _clients.Get(region, settings, assumedRole);
        var request = new DescribeInstancesRequest { Filters = [new Filter { Name = "instance-id", Values = [.. wanted] }] };
        do
        {
            var response = await SendAsync(client, request, cancellationToken).ConfigureAwait(false);
            foreach (var instance in (response.Reservations ?? []).SelectMany(reservation => reservation.Instances ?? []))
            {
                if (instance.InstanceId is { } id && wanted.Contains(id))
                {
                    states[id] = InstanceFactsMapping.StateOf(instance.State?.Name?.Value);
                }
            }
            request.NextToken = response.NextToken;
        }
        while (!string.IsNullOrEmpty(request.NextToken));
        return states;
    }

    public void Dispose()
    {
        _clients.Dispose();
        _hostRegion.Dispose();
        _ownedHttp?.Dispose();
    }

    /// <summary>The region STS and IAM are addressed in (IAM: its partition): config/client's, else Vault's own, else the document's.</summary>
    private async Task<string> ApiRegionAsync(VerifiedDocument document, CloudClientSettings settings) =>
        settings.Region ?? await _hostRegion.DetectAsync().ConfigureAwait(false) ?? document.Region;

    private Task<(Uri Endpoint, string Region)> StsTargetAsync(VerifiedDocument document, CloudClientSettings settings) =>
        StsTargetAsync(document.Region, settings);

    private async Task<(Uri Endpoint, string Region)> StsTargetAsync(string instanceRegion, CloudClientSettings settings)
    {
        var region = settings.StsRegion ?? settings.Region ?? await _hostRegion.DetectAsync().ConfigureAwait(false) ?? instanceRegion;
        return (string.IsNullOrEmpty(settings.StsEndpoint) ? AwsPartition.StsEndpoint(region) : new Uri(settings.StsEndpoint), region);
    }

    private static async Task<(string? OwnerId, Instance Instance)> DescribeOneAsync(AmazonEC2Client client, string instanceId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(client, new DescribeInstancesRequest { InstanceIds = [instanceId] }, cancellationToken).ConfigureAwait(false);
        foreach (var reservation in response.Reservations ?? [])
        {
            foreach (var instance in reservation.Instances ?? [])
            {
                if (instance.InstanceId == instanceId)
                {
                    return (reservation.OwnerId, instance);
                }
            }
        }
        throw new Refused("instance not found");
    }

    /// <summary>One DescribeInstances with the SDK's standard retries (exponential backoff with jitter on throttling).</summary>
    private static async Task<DescribeInstancesResponse> SendAsync(AmazonEC2Client client, DescribeInstancesRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.DescribeInstancesAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonEC2Exception error) when (error.ErrorCode is "InvalidInstanceID.NotFound" or "InvalidInstanceID.Malformed")
        {
            throw new Refused("instance not found");
        }
        catch (AmazonServiceException error)
        {
            throw Ec2Failure.From(error);
        }
        catch (AmazonClientException)
        {
            throw new UpstreamFailure(Upstream.Ec2, UpstreamProblem.Unavailable, "EC2: DescribeInstances got no answer");
        }
        catch (HttpRequestException error) when (error.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new UpstreamFailure(Upstream.Ec2, UpstreamProblem.Failed,
                $"EC2: DescribeInstances answered with more than {BufferedResponsesHttpClientFactory.DefaultMaxResponseBytes / (1024 * 1024)} MiB");
        }
        catch (HttpRequestException)
        {
            throw new UpstreamFailure(Upstream.Ec2, UpstreamProblem.Unavailable, "EC2: endpoint unreachable");
        }
        catch (System.Xml.XmlException)
        {
            // The SDK's unmarshaller lets a cut-off or invalid XML answer through as XmlException.
            throw new UpstreamFailure(Upstream.Ec2, UpstreamProblem.Failed, "EC2: DescribeInstances answered with malformed XML");
        }
    }

    /// <summary>Exponential backoff with full jitter (AWS architecture blog), 100 ms base, 5 s cap.</summary>
    private static TimeSpan FullJitterBackoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(5000, 100 * Math.Pow(2, attempt)));
}
