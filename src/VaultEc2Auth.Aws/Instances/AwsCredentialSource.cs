using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Sdk.Framework;

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
            throw RequestException.BadRequest("config/client needs both access_key and secret_key, or neither");
        }
        if (hasAccessKey)
        {
            return new BasicAWSCredentials(settings.AccessKey, settings.SecretKey);
        }
        try
        {
            return ResolveDefaultChain() ?? throw RequestException.BadRequest(SetClientConfigHint);
        }
        catch (AmazonClientException)
        {
            throw RequestException.BadRequest(SetClientConfigHint);
        }
    }

    /// <summary>The SDK's default chain; tests replace it so no lookup leaves the machine.</summary>
    protected virtual AWSCredentials? ResolveDefaultChain() => DefaultAWSCredentialsIdentityResolver.GetCredentials();
}
