namespace VaultPlugin.Sdk.Tests.GoPlugin;

/// <summary>
/// Decodes the way Go's <c>base64.RawStdEncoding.Strict()</c> does: standard alphabet, no '=' at all, no
/// impossible length, and unused trailing bits must be zero (so every text has exactly one accepted spelling).
/// </summary>
internal static class StrictRawBase64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static byte[] Decode(string text)
    {
        if (text.Length % 4 == 1)
        {
            throw new FormatException("impossible unpadded base64 length");
        }

        foreach (var character in text)
        {
            if (!Alphabet.Contains(character, StringComparison.Ordinal))
            {
                throw new FormatException($"character '{character}' is not in the standard unpadded alphabet");
            }
        }

        var padded = text.Length % 4 == 0 ? text : text + new string('=', 4 - text.Length % 4);
        var bytes = Convert.FromBase64String(padded);
        if (Convert.ToBase64String(bytes).TrimEnd('=') != text)
        {
            throw new FormatException("non-zero trailing bits");
        }

        return bytes;
    }
}
