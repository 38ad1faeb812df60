using System.Globalization;
using System.Text;

namespace VaultEc2Auth.Templates;

/// <summary>
/// The quoted block labels and object keys of a rendered Vault policy, in order: <c>path "…"</c> labels in HCL, the
/// keys under <c>"path"</c> in JSON, and (being conservative) every other quoted key. Unquoted identifiers are left
/// out: HCL 1 refuses '+' and '/' in them, so Vault would refuse such a policy anyway. Policy paths are among them, and a key is
/// where a <c>+</c>, <c>*</c> or extra <c>/</c> changes what a policy grants. Strings in value position (capability
/// lists, parameter values) and comments are not keys. Never throws: text Vault could not parse yields whatever
/// keys were found, and Vault refuses the policy anyway.
/// </summary>
internal static class PolicyKeys
{
    private const string Punctuation = "{}[]=:,";

    public static IReadOnlyList<string> Read(string policy)
    {
        var tokens = Tokenize(policy);
        var keys = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var next = i + 1 < tokens.Count ? tokens[i + 1] : null;
            if (token.IsString && next is not null && (next.IsPunctuation ? next.Text is "{" or "=" or ":" : next.IsString))
            {
                keys.Add(token.Text);
            }
        }
        return keys;
    }

    private sealed record Token(string Text, bool IsString, bool IsPunctuation);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#' || c == '/' && next == '/')
            {
                i = SkipPast(text, i, "\n");
            }
            else if (c == '/' && next == '*')
            {
                i = SkipPast(text, i + 2, "*/");
            }
            else if (c == '<' && next == '<')
            {
                i = SkipHeredoc(text, i);
                tokens.Add(new Token("", IsString: true, IsPunctuation: false));
            }
            else if (c == '"')
            {
                i = ReadString(text, i + 1, out var value);
                tokens.Add(new Token(value, IsString: true, IsPunctuation: false));
            }
            else if (Punctuation.Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new Token(c.ToString(), IsString: false, IsPunctuation: true));
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"' && text[i] != '#' && !Punctuation.Contains(text[i], StringComparison.Ordinal))
                {
                    i++;
                }
                tokens.Add(new Token(text[start..i], IsString: false, IsPunctuation: false));
            }
        }
        return tokens;
    }

    private static int SkipPast(string text, int start, string end)
    {
        var found = text.IndexOf(end, start, StringComparison.Ordinal);
        return found < 0 ? text.Length : found + end.Length;
    }

    // <<EOF or <<-EOF … a line holding only EOF.
    private static int SkipHeredoc(string text, int start)
    {
        var i = start + 2;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }
        var lineEnd = text.IndexOf('\n', i);
        if (lineEnd < 0)
        {
            return text.Length;
        }
        var marker = text[i..lineEnd].Trim();
        var position = lineEnd + 1;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var line = end < 0 ? text[position..] : text[position..end];
            if (line.Trim() == marker)
            {
                return end < 0 ? text.Length : end + 1;
            }
            position = end < 0 ? text.Length : end + 1;
        }
        return text.Length;
    }

    // As HCL 1 scans a string: an unescaped quote ends it, except inside ${ … } where quotes do not count.
    private static int ReadString(string text, int start, out string value)
    {
        var builder = new StringBuilder();
        var braces = 0;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && braces == 0)
            {
                value = builder.ToString();
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.Length)
            {
                i = Unescape(text, i + 1, builder);
                continue;
            }
            if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                braces++;
                builder.Append("${");
                i += 2;
                continue;
            }
            if (c == '}' && braces > 0)
            {
                braces--;
            }
            builder.Append(c);
            i++;
        }
        value = builder.ToString();
        return i;
    }

    private static int Unescape(string text, int i, StringBuilder builder)
    {
        var c = text[i];
        switch (c)
        {
            case 'n': builder.Append('\n'); return i + 1;
            case 't': builder.Append('\t'); return i + 1;
            case 'r': builder.Append('\r'); return i + 1;
            case 'u' or 'U':
                var length = c == 'u' ? 4 : 8;
                if (i + 1 + length <= text.Length &&
                    int.TryParse(text.AsSpan(i + 1, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) &&
                    code is >= 0 and <= 0x10FFFF && code is < 0xD800 or > 0xDFFF)
                {
                    builder.Append(char.ConvertFromUtf32(code));
                    return i + 1 + length;
                }
                builder.Append(c);
                return i + 1;
            default: builder.Append(c); return i + 1;
        }
    }
}
