using System.Text.Json.Nodes;

namespace VaultPlugin.Sdk.Framework;

/// <summary>A handler's answer. Null from a handler means "no content" (HTTP 204; 404 for read).</summary>
public sealed class LogicalResponse
{
    public JsonObject? Data { get; init; }
    public AuthData? Auth { get; init; }
    public List<string> Warnings { get; } = [];

    public static LogicalResponse WithData(JsonObject data) => new() { Data = data };
    public static LogicalResponse WithAuth(AuthData auth) => new() { Auth = auth };

    /// <summary>A list answer; Vault answers 404 for a list with no keys.</summary>
    public static LogicalResponse ListOf(IEnumerable<string> keys)
    {
        var array = new JsonArray();
        foreach (var key in keys)
        {
            array.Add((JsonNode)key);
        }

        return new LogicalResponse { Data = new JsonObject { ["keys"] = array } };
    }
}
