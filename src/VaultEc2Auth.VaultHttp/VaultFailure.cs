using System.Text;
using System.Text.Json.Nodes;
using VaultEc2Auth.Failures;

namespace VaultEc2Auth.VaultHttp;

/// <summary>
/// Classifies what went wrong between the writer and Vault as an <see cref="UpstreamFailure"/>: a short message
/// naming Vault for whoever asked (no address, no path), and a detail with the operation, address and Vault's own
/// <c>errors</c> for the log and operators. Never the token.
/// </summary>
internal sealed class VaultFailure(string token)
{
    private const int MaxMessageLength = 1000;

    public UpstreamFailure FromReply(string operation, int status, JsonNode? body)
    {
        var errors = ErrorsOf(body);
        var detail = Safe($"vault: {operation} returned HTTP {status}{(errors.Length > 0 ? ": " + errors : "")}");
        return status switch
        {
            403 => WriterToken(UpstreamProblem.WriterTokenLacksPermission, operation, errors),
            429 or 503 => new UpstreamFailure(Upstream.Vault, UpstreamProblem.Unavailable, $"Vault: unavailable (HTTP {status})", detail),
            400 when operation.StartsWith("PUT ", StringComparison.Ordinal) => new UpstreamFailure(Upstream.Vault, UpstreamProblem.Refused,
                operation.Contains(" sys/polic", StringComparison.Ordinal) ? "Vault: refused a rendered policy" : "Vault: refused a rendered object", detail),
            _ => new UpstreamFailure(Upstream.Vault, UpstreamProblem.Failed, $"Vault: answered HTTP {status}", detail),
        };
    }

    /// <summary>A 403 explained: the token is gone (revoked or expired), or it lacks a capability the plugin needs.</summary>
    public UpstreamFailure WriterToken(UpstreamProblem problem, string operation, string errors = "")
    {
        // Vault answers a token it does not know exactly as one it revoked: config/vault checked it when written.
        var (message, action) = problem switch
        {
            UpstreamProblem.WriterTokenRevoked => ("the writer's token was revoked", "write a new token to config/vault"),
            UpstreamProblem.WriterTokenExpired => ("the writer's token has expired", "write a new (periodic, orphan) token to config/vault"),
            _ => ("the writer's token lacks permission", "grant it the plugin's least-privilege policy"),
        };
        var said = errors.Length > 0 ? errors : "permission denied";
        return new UpstreamFailure(Upstream.Vault, problem, $"Vault: {message}",
            Safe($"vault: {message} ({operation}: {said}); {action}"));
    }

    /// <summary>A node's answer that says it cannot serve (see <see cref="VaultNodes.CannotServe"/>), naming the node.</summary>
    public UpstreamFailure CannotServe(string operation, Uri address, int status, JsonNode? body)
    {
        var errors = ErrorsOf(body);
        var detail = Safe($"vault: {operation} at {Authority(address)} returned HTTP {status}{(errors.Length > 0 ? ": " + errors : "")}");
        // Sealed, standby or rate-limited is worth retrying; any other 5xx is Vault failing the request.
        return status is 429 or 503
            ? new UpstreamFailure(Upstream.Vault, UpstreamProblem.Unavailable, $"Vault: unavailable (HTTP {status})", detail)
            : new UpstreamFailure(Upstream.Vault, UpstreamProblem.Failed, $"Vault: answered HTTP {status}", detail);
    }

    /// <summary>No address could serve: one node's failure as it is, several named one after the other.</summary>
    public UpstreamFailure NoNodeServed(string operation, IReadOnlyList<UpstreamFailure> failures)
    {
        if (failures.Count == 1)
        {
            return failures[0];
        }
        // Each detail reads "vault: <operation> at <address> ..."; the operation is said once, up front.
        var prefix = $"vault: {operation} at ";
        var each = failures.Select(failure => failure.Detail.StartsWith(prefix, StringComparison.Ordinal) ? failure.Detail[prefix.Length..] : failure.Detail);
        return new UpstreamFailure(Upstream.Vault, UpstreamProblem.Unavailable, "Vault: no address could serve",
            Safe($"vault: no address could serve {operation}: {string.Join("; ", each)}"));
    }

    public UpstreamFailure Unreachable(string operation, Uri address, Exception cause)
    {
        var reasons = new StringBuilder();
        for (var e = cause; e is not null; e = e.InnerException)
        {
            // .NET's outer "see inner exception" adds nothing once the inner message follows.
            if (e.InnerException is not null && e.Message.Contains("inner exception", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (reasons.Length > 0)
            {
                reasons.Append(": ");
            }

            reasons.Append(e.Message);
        }
        return new UpstreamFailure(Upstream.Vault, UpstreamProblem.Unavailable, "Vault: unreachable from the plugin",
            Safe($"vault: {operation} at {Authority(address)} failed: {reasons}"), cause);
    }

    public UpstreamFailure NoAnswer(string operation, Uri address, TimeSpan timeout) =>
        new(Upstream.Vault, UpstreamProblem.Unavailable, $"Vault: no answer within {timeout.TotalSeconds:0.#} s",
            Safe($"vault: {operation} at {Authority(address)} got no answer within {timeout.TotalSeconds:0.#} s"));

    public UpstreamFailure Malformed(string operation, string what) =>
        new(Upstream.Vault, UpstreamProblem.Failed, $"Vault: answered without {what}", Safe($"vault: {operation} answered without {what}"));

    /// <summary>Removes the token from any text headed for a message or a log line.</summary>
    public string Safe(string text)
    {
        var scrubbed = token.Length >= 4 ? text.Replace(token, "(token hidden)", StringComparison.Ordinal) : text;
        return scrubbed.Length > MaxMessageLength ? scrubbed[..MaxMessageLength] + "..." : scrubbed;
    }

    private static string Authority(Uri address) => address.GetLeftPart(UriPartial.Authority);

    private static string ErrorsOf(JsonNode? body)
    {
        if (body is not JsonObject obj || obj["errors"] is not JsonArray errors)
        {
            return "";
        }

        var joined = new StringBuilder();
        foreach (var error in errors)
        {
            if (error is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length == 0)
            {
                continue;
            }

            if (joined.Length > 0)
            {
                joined.Append("; ");
            }

            joined.Append(OneLine(text));
        }
        return joined.ToString();
    }

    // Vault's multierror text spans lines ("1 error occurred:\n\n* ..."); one line keeps logs parseable.
    private static string OneLine(string text)
    {
        var line = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = line.Length > 0;
                continue;
            }
            if (space)
            {
                line.Append(' ');
            }

            space = false;
            line.Append(c);
        }
        return line.ToString();
    }
}
