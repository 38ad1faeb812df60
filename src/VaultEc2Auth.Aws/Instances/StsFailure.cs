using VaultEc2Auth.Failures;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// Why STS AssumeRole gave no credentials, as the caller may see it: STS named, with AWS's error code and request
/// id, never AWS's message text (it quotes ARNs of the caller's configuration). The edge gives it its status.
/// </summary>
internal static class StsFailure
{
    public static UpstreamFailure Refused(string accountId, string code, string requestId) =>
        new(Upstream.Sts, UpstreamProblem.Failed, $"STS AssumeRole for account {accountId} failed: {code} (AWS request id {requestId})");

    public static UpstreamFailure Unreachable(string accountId, string what) =>
        new(Upstream.Sts, UpstreamProblem.Unavailable, $"STS AssumeRole for account {accountId} failed: {what}");
}
