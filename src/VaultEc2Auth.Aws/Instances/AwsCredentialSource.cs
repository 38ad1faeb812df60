using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// Credentials for EC2 and IAM calls: the static <c>config/client</c> keys, else the SDK's default chain
/// (environment, shared files, container or instance role).
/// </summary>
public class AwsCredentialSource
{
    internal const string SetClientConfigHint = "no usable AWS credentials: set config/client access_key and secret_key";

    public AWSCredentials Resolve(CloudClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var hasAccessKey = !string.IsNullOrEmpty(settings.AccessKey);
        var hasSecretKey = !string.IsNullOrEmpty(settings.SecretKey);
        if (hasAccessKey != hasSecretKey)
        {
            throw NotConfigured("config/client needs both access_key and secret_key, or neither");
        }
        if (hasAccessKey)
        {
            return new BasicAWSCredentials(settings.AccessKey, settings.SecretKey);
        }
        try
        {
            return ResolveDefaultChain() ?? throw NotConfigured(SetClientConfigHint);
        }
        catch (AmazonClientException)
        {
            throw NotConfigured(SetClientConfigHint);
        }
    }

    // Credentials serve EC2 first: a login fails on them before IAM is asked.
    private static UpstreamFailure NotConfigured(string message) => new(Upstream.Ec2, UpstreamProblem.NotConfigured, "EC2: " + message);

    /// <summary>The SDK's default chain; tests replace it so no lookup leaves the machine.</summary>
    protected virtual AWSCredentials? ResolveDefaultChain() => DefaultAWSCredentialsIdentityResolver.GetCredentials();
}
