using VaultEc2Auth.Sdk.Framework;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>
/// Turns the text an instance sends (IMDS bodies are line-wrapped; Vault-era clients add PEM armour) into bytes,
/// with a hard size bound checked before any decoding work.
/// </summary>
internal static class ProofText
{
    /// <summary>Real documents are about 2 KiB; anything near this bound is not an identity proof.</summary>
    public const int MaxInputChars = 64 * 1024;

    private const string Pkcs7Begin = "-----BEGIN PKCS7-----";
    private const string Pkcs7End = "-----END PKCS7-----";

    public static byte[] DecodePkcs7(string text)
    {
        CheckSize(text, "pkcs7");
        var body = text.AsSpan().Trim();
        if (body.StartsWith(Pkcs7Begin, StringComparison.Ordinal))
        {
            // An END line overlapping the BEGIN line ("-----BEGIN PKCS7-----END PKCS7-----") is no END line either.
            var end = body.LastIndexOf(Pkcs7End, StringComparison.Ordinal);
            if (end < Pkcs7Begin.Length)
            {
                throw RequestException.BadRequest("pkcs7: PEM armour has no END line");
            }
            body = body[Pkcs7Begin.Length..end];
        }
        return DecodeBase64(body, "pkcs7");
    }

    public static byte[] DecodeBase64(string text, string field)
    {
        CheckSize(text, field);
        return DecodeBase64(text.AsSpan(), field);
    }

    private static void CheckSize(string text, string field)
    {
        if (text.Length > MaxInputChars)
        {
            throw RequestException.BadRequest($"{field}: input larger than 64 KiB");
        }
        if (text.Length == 0)
        {
            throw RequestException.BadRequest($"{field}: empty input");
        }
    }

    private static byte[] DecodeBase64(ReadOnlySpan<char> text, string field)
    {
        // Convert.TryFromBase64Chars skips whitespace, which is exactly the IMDS line wrapping.
        var buffer = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64Chars(text, buffer, out var written) || written == 0)
        {
            throw RequestException.BadRequest($"{field}: not valid base64");
        }
        return buffer.AsSpan(0, written).ToArray();
    }
}
