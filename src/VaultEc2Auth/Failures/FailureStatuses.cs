using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Failures;

/// <summary>
/// The one place where a failure becomes an HTTP status: bad input 400, refusal 403, an upstream 5xx (503 when it
/// could not be reached, 500 when the plugin is not configured for it, 502 otherwise). Instances (logins and
/// renewals) see the upstream's name and what happened; operators also see the operation and Vault's own words.
/// </summary>
public static class FailureStatuses
{
    public const int Unavailable = 503;
    public const int BadGateway = 502;
    public const int Misconfigured = 500;

    public static RequestException? ToRequestException(Exception failure, LogicalRequest request) => failure switch
    {
        InvalidInput input => RequestException.BadRequest(input.Message),
        Refused refused => RequestException.Denied(refused.Message),
        UpstreamFailure upstream => RequestException.Coded(
            StatusOf(upstream.Problem), IsInstance(request) ? upstream.Message : upstream.Detail, upstream),
        _ => null,
    };

    public static int StatusOf(UpstreamProblem problem) => problem switch
    {
        UpstreamProblem.Unavailable => Unavailable,
        UpstreamProblem.NotConfigured => Misconfigured,
        _ => BadGateway,
    };

    /// <summary>Logins are unauthenticated and renewals come from instance tokens: neither may see internal detail.</summary>
    private static bool IsInstance(LogicalRequest request) => request.Unauthenticated || request.Operation == Operations.Renew;
}
