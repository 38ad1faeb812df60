namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// Byte-level mutations of a DER/BER encoding, chosen to hit what an ASN.1 reader trusts: lengths (short, long,
/// indefinite, huge), tags, truncation, and repeated or removed ranges.
/// </summary>
internal static class ByteMutator
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0x81, 0x82, 0x84, 0x88, 0xFF, 0x30, 0x31, 0xA0, 0x04, 0x24, 0x02, 0x06];

    public static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = new List<byte>(input);
        var rounds = 1 + random.Next(random.Next(8) == 0 ? 12 : 3);
        for (var round = 0; round < rounds; round++)
        {
            MutateOnce(random, bytes);
        }

        return [.. bytes];
    }

    private static void MutateOnce(Random random, List<byte> bytes)
    {
        if (bytes.Count == 0)
        {
            bytes.Add((byte)random.Next(256));
            return;
        }

        var at = random.Next(bytes.Count);
        switch (random.Next(10))
        {
            case 0:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes[at] = Interesting[random.Next(Interesting.Length)];
                break;
            case 2:
                bytes[at] = (byte)random.Next(256);
                break;
            case 3:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16)));
                break;
            case 4:
                bytes.InsertRange(at, RandomBytes(random, 1 + random.Next(8)));
                break;
            case 5:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 6:
                var length = Math.Min(bytes.Count - at, 1 + random.Next(64));
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            case 7:
                // A long-form length claiming far more than there is.
                bytes.InsertRange(at, [0x84, (byte)random.Next(256), 0xFF, 0xFF, 0xFF]);
                break;
            case 8:
                // Deep nesting: constructed SEQUENCE / context tags with indefinite length.
                var depth = 1 + random.Next(400);
                for (var i = 0; i < depth; i++)
                {
                    bytes.InsertRange(at, [random.Next(2) == 0 ? (byte)0x30 : (byte)0xA0, 0x80]);
                }
                break;
            default:
                var other = random.Next(bytes.Count);
                (bytes[at], bytes[other]) = (bytes[other], bytes[at]);
                break;
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
