using System.Text.Json.Nodes;

namespace VaultEc2Auth.VaultHttp;

/// <summary>
/// The Vault API addresses of one <c>config/vault</c> (each already a <c>.../v1/</c> base) and which of them last
/// served a request: the next request starts there, so after a failover the writer stays on the node that answers.
/// </summary>
internal sealed class VaultNodes(IReadOnlyList<Uri> bases)
{
    private int preferred;

    public int Count => bases.Count;

    public Uri this[int index] => bases[index];

    /// <summary>Every index once, starting with the node that last served.</summary>
    public IEnumerable<int> InTryOrder()
    {
        var first = Volatile.Read(ref preferred);
        for (var i = 0; i < bases.Count; i++)
        {
            yield return (first + i) % bases.Count;
        }
    }

    public void Served(int index) => Volatile.Write(ref preferred, index);

    /// <summary>
    /// Whether an answer says this node cannot serve right now, so another node may: any 5xx (sealed,
    /// uninitialized, forwarding to a dead active node), 429, a redirect to the active node (standby without
    /// request forwarding), or an error naming standby mode.
    /// </summary>
    public static bool CannotServe(int status, JsonNode? body) =>
        status >= 500 || status is 429 or 307 or 308 || (status >= 400 && MentionsStandby(body));

    private static bool MentionsStandby(JsonNode? body) =>
        body is JsonObject obj && obj["errors"] is JsonArray errors && errors.Any(error =>
            error is JsonValue value && value.TryGetValue<string>(out var text) && text.Contains("standby", StringComparison.OrdinalIgnoreCase));
}
