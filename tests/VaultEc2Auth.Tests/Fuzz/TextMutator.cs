using System.Text;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// Character-level mutations of base64, PEM and JSON text: wrong alphabet, whitespace, padding, PEM armour in the
/// wrong places, truncation, repetition up to and past the size bound, and non-ASCII.
/// </summary>
internal static class TextMutator
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n\r\t.:\"{}[],\\";

    private static readonly string[] Fragments =
    [
        "-----BEGIN PKCS7-----", "-----END PKCS7-----", "-----BEGIN CERTIFICATE-----", "=", "==", "\n", "\r\n", " ",
        "\0", "\u00e9", "\ud83d\ude00", "\ufeff", "null", "\"", "{", "}", "[", "]", "\\u0000", "1e999", "-0",
        "\"instanceId\" : \"i-0000000000000000\"", "\"pendingTime\" : \"9999-99-99T99:99:99Z\"",
    ];

    public static string Mutate(Random random, string input)
    {
        var text = new StringBuilder(input);
        var rounds = 1 + random.Next(random.Next(8) == 0 ? 10 : 3);
        for (var round = 0; round < rounds; round++)
        {
            MutateOnce(random, text);
        }

        return text.ToString();
    }

    private static void MutateOnce(Random random, StringBuilder text)
    {
        if (text.Length == 0)
        {
            text.Append(Fragments[random.Next(Fragments.Length)]);
            return;
        }

        var at = random.Next(text.Length);
        switch (random.Next(9))
        {
            case 0:
                text[at] = Alphabet[random.Next(Alphabet.Length)];
                break;
            case 1:
                text[at] = (char)random.Next(0, 0x3000);
                break;
            case 2:
                text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(32)));
                break;
            case 3:
                text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                break;
            case 4:
                text.Length = at;
                break;
            case 5:
                var length = Math.Min(text.Length - at, 1 + random.Next(128));
                text.Insert(at, text.ToString(at, length));
                break;
            case 6:
                // Past (or just under) the 64 KiB input bound.
                var copy = text.ToString();
                var target = random.Next(2) == 0 ? 64 * 1024 + 1 + random.Next(64) : 64 * 1024 - random.Next(64);
                while (text.Length < target)
                {
                    text.Append(copy);
                }
                text.Length = target;
                break;
            case 7:
                text.Insert(at, new string(random.Next(2) == 0 ? ' ' : '\n', 1 + random.Next(8)));
                break;
            default:
                var other = random.Next(text.Length);
                (text[at], text[other]) = (text[other], text[at]);
                break;
        }
    }
}
