using System.Buffers.Text;
using System.Text;
using VaultEc2Auth.Failures;

namespace VaultEc2Auth.Gce.Identity;

/// <summary>
/// A JWS in compact serialization (RFC 7515 §7.1): three base64url parts without padding, split and decoded
/// strictly and within bounds. Nothing here is trusted yet: the signature is checked by the caller.
/// </summary>
internal sealed class CompactJwt
{
    /// <summary>Google's instance tokens are about 1 KiB (more with license codes); 8 KiB leaves room and stops abuse.</summary>
    public const int MaxLength = 8 * 1024;

    private CompactJwt(byte[] header, byte[] payload, byte[] signingInput, byte[] signature)
    {
        Header = header;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    public byte[] Header { get; }

    public byte[] Payload { get; }

    /// <summary>The ASCII bytes of <c>header.payload</c>, exactly as signed.</summary>
    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    /// <summary>Throws <see cref="InvalidInput"/> (a short reason, never the token) unless <paramref name="token"/> is a well-formed compact JWS.</summary>
    public static CompactJwt Parse(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidInput("jwt is required");
        }
        if (token.Length > MaxLength)
        {
            throw new InvalidInput($"jwt is longer than {MaxLength} characters");
        }
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.Length - 1 || token.IndexOf('.', second + 1) >= 0)
        {
            throw new InvalidInput("jwt must be three base64url parts separated by dots");
        }
        var header = Decode(token.AsSpan(0, first), "header");
        var payload = Decode(token.AsSpan(first + 1, second - first - 1), "payload");
        var signature = Decode(token.AsSpan(second + 1), "signature");
        return new CompactJwt(header, payload, Encoding.ASCII.GetBytes(token, 0, second), signature);
    }

    private static byte[] Decode(ReadOnlySpan<char> part, string name)
    {
        foreach (var c in part)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new InvalidInput($"jwt {name} is not base64url");
            }
        }
        // A length of 1 modulo 4 cannot come from any byte string.
        if (part.Length % 4 == 1)
        {
            throw new InvalidInput($"jwt {name} is not base64url");
        }
        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        try
        {
            if (Base64Url.TryDecodeFromChars(part, bytes, out var written))
            {
                return bytes.AsSpan(0, written).ToArray();
            }
        }
        catch (FormatException)
        {
            // Non-canonical trailing bits (e.g. "aa"): the decoder throws instead of returning false.
        }
        throw new InvalidInput($"jwt {name} is not base64url");
    }
}
