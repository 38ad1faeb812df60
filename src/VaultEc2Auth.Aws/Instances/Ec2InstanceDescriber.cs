using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Sdk.Framework;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// Describes the document's instance with EC2 DescribeInstances in the document's region (SDK standard retries
/// with backoff), checks it agrees with the document, and resolves its role through IAM GetInstanceProfile.
/// </summary>
public sealed class Ec2InstanceDescriber : IInstanceDescriber, IDisposable
{
    private readonly Ec2ClientCache _clients;
    private readonly IamRoleResolver _roles;
    private readonly TimeProvider _time;
    private readonly HttpClient? _ownedHttp;

    public Ec2InstanceDescriber()
        : this(new AwsCredentialSource(), TimeProvider.System, null)
    {
    }

    /// <param name="credentialSource">Where credentials come from when config/client has no keys.</param>
    /// <param name="time">Clock for the document's pendingTime check and the role cache.</param>
    /// <param name="iamHttp">HTTP client for IAM; one is created and owned when null.</param>
    public Ec2InstanceDescriber(AwsCredentialSource credentialSource, TimeProvider time, HttpClient? iamHttp)
    {
        _time = time;
        if (iamHttp is null)
        {
            _ownedHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        }
        _clients = new Ec2ClientCache(credentialSource);
        _roles = new IamRoleResolver(iamHttp ?? _ownedHttp!, time, FullJitterBackoff);
        _clients.SettingsChanged += _roles.Clear;
    }

    public async Task<InstanceFacts> DescribeAsync(VerifiedDocument document, CloudClientSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(settings);
        InstanceAgreement.CheckDocumentTime(document, _time.GetUtcNow());
        var (client, credentials) = _clients.Get(document.Region, settings);
        var (ownerId, instance) = await DescribeOneAsync(client, document.InstanceId, cancellationToken);
        InstanceAgreement.Check(document, ownerId, instance);
        var profileArn = instance.IamInstanceProfile?.Arn;
        var roleArn = string.IsNullOrEmpty(profileArn)
            ? null
            : await _roles.ResolveRoleArnAsync(profileArn, document.Region, settings, credentials, cancellationToken);
        return InstanceFactsMapping.From(document, instance, profileArn, roleArn);
    }

    public void Dispose()
    {
        _clients.Dispose();
        _ownedHttp?.Dispose();
    }

    private static async Task<(string? OwnerId, Instance Instance)> DescribeOneAsync(AmazonEC2Client client, string instanceId, CancellationToken cancellationToken)
    {
        DescribeInstancesResponse response;
        try
        {
            response = await client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, cancellationToken);
        }
        catch (AmazonEC2Exception error) when (error.ErrorCode is "InvalidInstanceID.NotFound" or "InvalidInstanceID.Malformed")
        {
            throw RequestException.Denied("instance not found");
        }
        catch (AmazonServiceException error)
        {
            throw Ec2Failure.From(error);
        }
        catch (AmazonClientException)
        {
            throw RequestException.Coded(502, "EC2 DescribeInstances failed: no answer from EC2");
        }
        catch (HttpRequestException)
        {
            throw RequestException.Coded(502, "EC2 DescribeInstances failed: EC2 endpoint unreachable");
        }
        catch (System.Xml.XmlException)
        {
            // The SDK's unmarshaller lets a cut-off or invalid XML answer through as XmlException.
            throw RequestException.Coded(502, "EC2 DescribeInstances failed: EC2 answered with malformed XML");
        }
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
        throw RequestException.Denied("instance not found");
    }

    /// <summary>Exponential backoff with full jitter (AWS architecture blog), 100 ms base, 5 s cap.</summary>
    private static TimeSpan FullJitterBackoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(5000, 100 * Math.Pow(2, attempt)));
}
