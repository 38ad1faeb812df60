using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// Judges one call of the identity verifier: it must return a document or report invalid input (the edge's 400). A returned document
/// must be one of the genuine ones, unless the input was freshly signed by the test CA (then any signed content is
/// legitimately a document).
/// </summary>
internal static class VerifierOracle
{
    public static (FuzzOutcome Outcome, string Message) Judge(Func<VerifiedDocument> verify, IReadOnlySet<VerifiedDocument> genuine, bool freshlySigned)
    {
        try
        {
            var document = verify();
            return freshlySigned || genuine.Contains(document)
                ? (FuzzOutcome.Accepted, "verified")
                : (FuzzOutcome.Forged, $"verified as a document no genuine proof carries: {document}");
        }
        catch (InvalidInput error)
        {
            return (FuzzOutcome.Rejected, error.Message);
        }
        catch (DomainFailure error)
        {
            return (FuzzOutcome.ServerError, $"{error.GetType().Name}: {error.Message}");
        }
        catch (Exception error)
        {
            return (FuzzOutcome.Crash, $"{error.GetType().Name}: {error.Message}");
        }
    }
}
