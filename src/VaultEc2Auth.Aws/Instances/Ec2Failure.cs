using Amazon.Runtime;
using VaultEc2Auth.Failures;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>Turns an EC2 error the SDK gave up on into a failure naming EC2: code and request id, never AWS's text.</summary>
internal static class Ec2Failure
{
    public static DomainFailure From(AmazonServiceException error)
    {
        var code = string.IsNullOrEmpty(error.ErrorCode) ? ((int)error.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : error.ErrorCode;
        var requestId = string.IsNullOrEmpty(error.RequestId) ? "unknown" : error.RequestId;
        if (code is "AuthFailure" or "InvalidClientTokenId" or "SignatureDoesNotMatch")
        {
            return new UpstreamFailure(Upstream.Ec2, UpstreamProblem.NotConfigured, $"EC2: {AwsCredentialSource.SetClientConfigHint} (EC2 said {code})");
        }
        var retryable = (int)error.StatusCode >= 500 || code is "RequestLimitExceeded" or "Throttling" or "ServiceUnavailable";
        return new UpstreamFailure(Upstream.Ec2, retryable ? UpstreamProblem.Unavailable : UpstreamProblem.Failed,
            $"EC2: DescribeInstances failed: {code} (AWS request id {requestId})", inner: error);
    }
}
