using VaultEc2Auth.Failures;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Logging;

namespace VaultEc2Auth.Login;

/// <summary>
/// One log line for every login or renewal that did not succeed, with the instance id and role once known and the
/// reason: refusals (the caller's doing) at INFO, upstream faults at WARN, anything else at ERROR. Reasons are
/// failure messages, which never carry a secret; upstream failures give their full detail (never a token).
/// </summary>
public sealed class OutcomeLog(HclogWriter log, string module)
{
    public void Failed(string what, string? instanceId, string? role, Exception failure)
    {
        var (level, outcome, reason) = failure switch
        {
            UpstreamFailure upstream => (HclogLevel.Warn, "failed", upstream.Detail),
            DomainFailure domain => (HclogLevel.Info, "refused", domain.Message),
            RequestException { Kind: RequestErrorKind.BadRequest or RequestErrorKind.PermissionDenied } refused => (HclogLevel.Info, "refused", refused.Message),
            RequestException request => (HclogLevel.Error, "failed", request.Message),
            _ => (HclogLevel.Error, "failed", failure.GetType().Name + ": " + failure.Message),
        };
        log.Write(level, module, $"{what} {outcome}", [new("instance_id", instanceId ?? "unknown"), new("role", role ?? "unknown"), new("reason", reason)]);
    }
}
