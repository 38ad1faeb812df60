using VaultEc2Auth.Identity;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// Judges one login through the backend: a token only for a genuine document (the one the verifier returned, whose
/// instance the token names), otherwise a 4xx. A 5xx or any other exception breaks the oracle.
/// </summary>
internal static class LoginOracle
{
    public static async Task<(FuzzOutcome Outcome, string Message)> JudgeAsync(
        Func<Task<LogicalResponse?>> login, RecordingVerifier verifier, IReadOnlySet<VerifiedDocument> genuine)
    {
        verifier.Forget();
        try
        {
            var response = await login();
            if (response?.Auth is not { } auth)
            {
                return (FuzzOutcome.NoAnswer, "login answered neither a token nor an error");
            }

            return verifier.LastVerified is { } document && genuine.Contains(document) && auth.AliasName == document.InstanceId
                ? (FuzzOutcome.Accepted, "token issued")
                : (FuzzOutcome.Forged, $"token for {auth.AliasName} after verifying {verifier.LastVerified}");
        }
        catch (RequestException error) when (IsClientError(error))
        {
            return (FuzzOutcome.Rejected, error.Message);
        }
        catch (RequestException error)
        {
            return (FuzzOutcome.ServerError, $"{error.Kind} {error.StatusCode}: {error.Message}");
        }
        catch (Exception error)
        {
            return (FuzzOutcome.Crash, $"{error.GetType().Name}: {error.Message}");
        }
    }

    private static bool IsClientError(RequestException error) => error.Kind switch
    {
        RequestErrorKind.BadRequest or RequestErrorKind.PermissionDenied or RequestErrorKind.UnsupportedOperation or RequestErrorKind.UnsupportedPath => true,
        RequestErrorKind.Coded => error.StatusCode is >= 400 and < 500,
        _ => false,
    };
}
