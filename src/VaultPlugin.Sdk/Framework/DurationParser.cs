using System.Globalization;

namespace VaultPlugin.Sdk.Framework;

/// <summary>
/// Vault's duration input (parseutil.ParseDurationSecond): a bare number is seconds; otherwise a Go duration
/// such as <c>1h30m</c>, <c>90s</c>, <c>1.5h</c>, <c>500ms</c>, and Vault's <c>d</c> for days.
/// </summary>
internal static class DurationParser
{
    private static readonly TimeSpan Maximum = TimeSpan.FromDays(365 * 100);

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var input = text.Trim();
        if (input.Length == 0)
        {
            return true;
        }

        if (long.TryParse(input, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryFromSeconds(seconds, out duration);
        }

        var total = 0.0;
        var position = 0;
        while (position < input.Length)
        {
            var start = position;
            while (position < input.Length && (char.IsAsciiDigit(input[position]) || input[position] == '.'))
            {
                position++;
            }

            if (start == position || !double.TryParse(input.AsSpan(start, position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            var unitStart = position;
            while (position < input.Length && (char.IsAsciiLetter(input[position]) || input[position] is 'µ' or 'μ'))
            {
                position++;
            }

            double? unitSeconds = input[unitStart..position] switch
            {
                "ns" => 1e-9,
                "us" or "µs" or "μs" => 1e-6,
                "ms" => 1e-3,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                "d" => 86400,
                _ => null,
            };
            if (unitSeconds is null)
            {
                return false;
            }

            total += amount * unitSeconds.Value;
        }

        if (total > Maximum.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(total);
        return true;
    }

    public static bool TryFromSeconds(long seconds, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (seconds < 0 || seconds > (long)Maximum.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
