using System.Text.Json;

namespace VaultEc2Auth.Templates;

/// <summary>Renders any text as one quoted JSON string (System.Text.Json's escaping, which also escapes HTML-significant and non-ASCII characters).</summary>
public static class JsonString
{
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return $"\"{JsonEncodedText.Encode(value).Value}\"";
    }
}
