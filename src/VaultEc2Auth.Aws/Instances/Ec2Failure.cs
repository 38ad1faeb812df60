using Amazon.Runtime;
using VaultEc2Auth.Sdk.Framework;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>Turns an EC2 error the SDK gave up on into what the caller may see: code and request id, never AWS's text.</summary>
internal static class Ec2Failure
{
    public static RequestException From(AmazonServiceException error)
    {
        var code = string.IsNullOrEmpty(error.ErrorCode) ? ((int)error.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : error.ErrorCode;
        var requestId = string.IsNullOrEmpty(error.RequestId) ? "unknown" : error.RequestId;
        if (code is "AuthFailure" or "InvalidClientTokenId" or "SignatureDoesNotMatch")
        {
            return RequestException.BadRequest($"{AwsCredentialSource.SetClientConfigHint} (EC2 said {code})");
        }
        return RequestException.Coded(502, $"EC2 DescribeInstances failed: {code} (AWS request id {requestId})", error);
    }
}
