using VaultEc2Auth.Failures;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>
/// Walks BER/DER tag-length headers iteratively and rejects nesting deeper than any identity document needs,
/// before a recursive decoder sees the bytes. AWS's SignedData nests about ten levels.
/// </summary>
internal static class BerNestingGuard
{
    public const int MaxDepth = 24;

    public static void Check(ReadOnlySpan<byte> data)
    {
        // Each open constructed element's end offset; -1 marks an indefinite length closed by 00 00.
        Span<int> ends = stackalloc int[MaxDepth + 1];
        var depth = 0;
        var position = 0;
        while (position < data.Length)
        {
            while (depth > 0 && ends[depth - 1] == position)
            {
                depth--;
            }
            if (depth > 0 && ends[depth - 1] == -1 && data[position] == 0)
            {
                if (position + 1 >= data.Length || data[position + 1] != 0)
                {
                    throw Malformed();
                }
                position += 2;
                depth--;
                continue;
            }
            var tag = data[position++];
            if ((tag & 0x1F) == 0x1F)
            {
                throw Malformed();
            }
            var (length, indefinite) = ReadLength(data, ref position);
            var constructed = (tag & 0x20) != 0;
            if (!constructed)
            {
                if (indefinite || length > data.Length - position)
                {
                    throw Malformed();
                }
                position += length;
                continue;
            }
            if (depth == MaxDepth)
            {
                throw new InvalidInput("pkcs7: structure nested too deeply");
            }
            if (!indefinite && length > data.Length - position)
            {
                throw Malformed();
            }
            ends[depth++] = indefinite ? -1 : position + length;
        }
    }

    private static (int Length, bool Indefinite) ReadLength(ReadOnlySpan<byte> data, ref int position)
    {
        if (position >= data.Length)
        {
            throw Malformed();
        }
        var first = data[position++];
        if (first < 0x80)
        {
            return (first, false);
        }
        if (first == 0x80)
        {
            return (0, true);
        }
        var count = first & 0x7F;
        if (count > 3 || position + count > data.Length)
        {
            throw Malformed();
        }
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            length = (length << 8) | data[position++];
        }
        return (length, false);
    }

    private static InvalidInput Malformed() => new InvalidInput("pkcs7: not a PKCS#7 structure");
}
