using System.Globalization;
using System.Text;

namespace VaultEc2Auth.Templates;

/// <summary>
/// Renders any text as one quoted string literal of a Vault policy (HCL). Vault parses policies with HCL 1, whose
/// scanner ignores quotes between <c>${</c> and the matching <c>}</c> and does not know <c>$${</c>; so the
/// <c>$</c> of <c>${</c> (and the <c>%</c> of HCL 2's <c>%{</c>) is written as a <c>\u</c> escape, which both HCL
/// versions decode back to the same character without starting a template sequence.
/// </summary>
public static class HclString
{
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var quoted = new StringBuilder(value.Length + 2);
        quoted.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var next = i + 1 < value.Length ? value[i + 1] : '\0';
            switch (c)
            {
                case '\\': quoted.Append(@"\\"); break;
                case '"': quoted.Append("\\\""); break;
                case '\n': quoted.Append(@"\n"); break;
                case '\r': quoted.Append(@"\r"); break;
                case '\t': quoted.Append(@"\t"); break;
                case '$' or '%' when next == '{': AppendUnicodeEscape(quoted, c); break;
                default:
                    if (char.IsHighSurrogate(c) && char.IsLowSurrogate(next))
                    {
                        quoted.Append(c).Append(next);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        AppendUnicodeEscape(quoted, '\uFFFD');
                    }
                    else if (char.IsControl(c) || c is '\u2028' or '\u2029')
                    {
                        AppendUnicodeEscape(quoted, c);
                    }
                    else
                    {
                        quoted.Append(c);
                    }
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }

    private static void AppendUnicodeEscape(StringBuilder builder, char c) =>
        builder.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
