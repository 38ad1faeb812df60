using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>
/// Response-wrapping JWTs the way Vault puts them in <c>VAULT_UNWRAP_TOKEN</c> (docs/protocol.md §1.4): a modern one with
/// nbf and accessor, and a Vault 0.10.1-style one without them and with a UUID jti. The signature is random: the
/// plugin reads the <c>addr</c> claim without verifying, as Vault's Go SDK does.
/// </summary>
internal static class WrappingTokens
{
    public static string Modern(string address)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Sign(new JsonObject
        {
            ["accessor"] = "hmP3YDdZ4ZrlE8EptUsG5WdR",
            ["addr"] = address,
            ["exp"] = now + 60,
            ["iat"] = now,
            ["jti"] = "hvs.CAESIJ3B5zL0bTYr7rPZ9fAk",
            ["nbf"] = now - 5,
            ["type"] = "wrapping",
        });
    }

    public static string Legacy(string address)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Sign(new JsonObject
        {
            ["addr"] = address,
            ["exp"] = now + 60,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString(),
            ["type"] = "wrapping",
        });
    }

    public static string WithPayload(JsonObject payload) => Sign(payload);

    private static string Sign(JsonObject payload)
    {
        var header = Encode(new JsonObject { ["alg"] = "ES512", ["typ"] = "JWT" }.ToJsonString());
        return $"{header}.{Encode(payload.ToJsonString())}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(132))}";
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
