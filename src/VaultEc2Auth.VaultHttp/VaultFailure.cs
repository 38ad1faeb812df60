using System.Text;
using System.Text.Json.Nodes;
using VaultEc2Auth.Sdk.Framework;

namespace VaultEc2Auth.VaultHttp;

/// <summary>
/// Turns what went wrong between the writer and Vault into a 502 whose message an operator can act on: Vault's own
/// <c>errors</c> list, the operation and path, never the token.
/// </summary>
internal sealed class VaultFailure(string token)
{
    private const int MaxMessageLength = 1000;

    public RequestException FromReply(string operation, int status, JsonNode? body)
    {
        var errors = ErrorsOf(body);
        var message = status == 403
            ? $"vault: the writer's token lacks permission to {operation} ({(errors.Length > 0 ? errors : "permission denied")}); grant it the plugin's least-privilege policy"
            : $"vault: {operation} returned HTTP {status}{(errors.Length > 0 ? ": " + errors : "")}";
        return RequestException.Coded(502, Safe(message));
    }

    /// <summary>A node's answer that says it cannot serve (see <see cref="VaultNodes.CannotServe"/>), naming the node.</summary>
    public RequestException CannotServe(string operation, Uri address, int status, JsonNode? body)
    {
        var errors = ErrorsOf(body);
        return RequestException.Coded(502, Safe($"vault: {operation} at {Authority(address)} returned HTTP {status}{(errors.Length > 0 ? ": " + errors : "")}"));
    }

    /// <summary>No address could serve: one node's failure as it is, several named one after the other.</summary>
    public RequestException NoNodeServed(string operation, IReadOnlyList<RequestException> failures)
    {
        if (failures.Count == 1)
            return failures[0];
        // Each failure reads "vault: <operation> at <address> ..."; the operation is said once, up front.
        var prefix = $"vault: {operation} at ";
        var each = failures.Select(failure => failure.Message.StartsWith(prefix, StringComparison.Ordinal) ? failure.Message[prefix.Length..] : failure.Message);
        return RequestException.Coded(502, Safe($"vault: no address could serve {operation}: {string.Join("; ", each)}"));
    }

    public RequestException Unreachable(string operation, Uri address, Exception cause)
    {
        var reasons = new StringBuilder();
        for (var e = cause; e is not null; e = e.InnerException)
        {
            // .NET's outer "see inner exception" adds nothing once the inner message follows.
            if (e.InnerException is not null && e.Message.Contains("inner exception", StringComparison.OrdinalIgnoreCase))
                continue;
            if (reasons.Length > 0)
                reasons.Append(": ");
            reasons.Append(e.Message);
        }
        return RequestException.Coded(502, Safe($"vault: {operation} at {Authority(address)} failed: {reasons}"), cause);
    }

    public RequestException NoAnswer(string operation, Uri address, TimeSpan timeout) =>
        RequestException.Coded(502, Safe($"vault: {operation} at {Authority(address)} got no answer within {timeout.TotalSeconds:0.#} s"));

    public RequestException Malformed(string operation, string what) =>
        RequestException.Coded(502, Safe($"vault: {operation} answered without {what}"));

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
            return "";
        var joined = new StringBuilder();
        foreach (var error in errors)
        {
            if (error is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length == 0)
                continue;
            if (joined.Length > 0)
                joined.Append("; ");
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
                line.Append(' ');
            space = false;
            line.Append(c);
        }
        return line.ToString();
    }
}
