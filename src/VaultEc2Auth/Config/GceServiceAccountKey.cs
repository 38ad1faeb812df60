using System.Text.Json;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Config;

/// <summary>
/// <c>gce_credentials</c> checked on write, so a wrong paste is a 400 naming the field now rather than a failed login
/// later: a service-account JSON key with the fields the plugin signs its token requests with. The messages never
/// quote the key.
/// </summary>
public static class GceServiceAccountKey
{
    /// <summary>A Google key file is about 2.3 KB; a generous bound for the field.</summary>
    public const int MaxLength = 16384;

    private static readonly string[] RequiredFields = ["client_email", "private_key", "token_uri"];

    public static string? Check(string? key)
    {
        if (key is null)
        {
            return null;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(key, new JsonDocumentOptions { MaxDepth = 8 });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw RequestException.BadRequest("gce_credentials must be a service-account JSON key (it is not JSON)");
        }

        if (root.ValueKind != JsonValueKind.Object || !(root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "service_account"))
        {
            throw RequestException.BadRequest("gce_credentials must be a service-account JSON key (type service_account)");
        }

        foreach (var name in RequiredFields)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
            {
                throw RequestException.BadRequest($"gce_credentials lacks {name}");
            }
        }

        if (!GoogleEndpointUrl.TryParse(root.GetProperty("token_uri").GetString(), out _))
        {
            throw RequestException.BadRequest($"gce_credentials' token_uri must be {GoogleEndpointUrl.Requirement}");
        }

        return key;
    }
}
