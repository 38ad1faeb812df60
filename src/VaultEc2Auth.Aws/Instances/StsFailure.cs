using VaultEc2Auth.Sdk.Framework;

namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// Why STS AssumeRole gave no credentials, as the caller may see it: STS named, with AWS's error code and request
/// id, never AWS's message text (it quotes ARNs of the caller's configuration). The one place STS failures get
/// their status.
/// </summary>
internal static class StsFailure
{
    public static RequestException Refused(string accountId, string code, string requestId) =>
        RequestException.Coded(502, $"STS AssumeRole for account {accountId} failed: {code} (AWS request id {requestId})");

    public static RequestException Unreachable(string accountId, string what) =>
        RequestException.Coded(502, $"STS AssumeRole for account {accountId} failed: {what}");
}
