using System.Text;
using System.Text.Json;

namespace VaultEc2Auth.Templates;

/// <summary>
/// Renders any text as one quoted JSON string, with System.Text.Json's escaping (which also escapes
/// HTML-significant and non-ASCII characters). A lone surrogate, which no JSON text can carry, becomes U+FFFD.
/// </summary>
public static class JsonString
{
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.AsSpan().ContainsAnyInRange('\ud800', '\udfff')
            ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value))
            : value;
        return $"\"{JsonEncodedText.Encode(text).Value}\"";
    }
}
