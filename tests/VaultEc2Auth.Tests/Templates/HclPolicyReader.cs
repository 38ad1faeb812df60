using System.Globalization;
using System.Text;

namespace VaultEc2Auth.Tests.Templates;

/// <summary>A block of a policy: <c>path "label" { capabilities = [...] }</c>.</summary>
internal sealed record HclBlock(string Type, IReadOnlyList<string> Labels, IReadOnlyList<string> Attributes);

/// <summary>
/// Reads the structure of a Vault policy the way HCL 1 (Vault's policy parser) scans it, so tests can prove what
/// Vault would see: strings end at an unescaped quote unless inside <c>${ … }</c> (where HCL 1 ignores quotes), a
/// raw newline ends a string with an error, and escapes are decoded as HCL 1 decodes them. Throws
/// <see cref="FormatException"/> where HCL 1 reports an error.
/// </summary>
internal sealed class HclPolicyReader
{
    private readonly string _text;
    private int _position;

    private HclPolicyReader(string text) => _text = text;

    public static IReadOnlyList<HclBlock> Read(string policy)
    {
        var reader = new HclPolicyReader(policy);
        var blocks = new List<HclBlock>();
        while (reader.NextToken() is { } token)
        {
            blocks.Add(reader.ReadBlock(token));
        }
        return blocks;
    }

    private HclBlock ReadBlock(Token type)
    {
        if (type.Kind != TokenKind.Identifier)
        {
            throw new FormatException($"expected a block type, got {type.Text}");
        }
        var labels = new List<string>();
        Token token;
        while ((token = Expect()).Kind == TokenKind.String)
        {
            labels.Add(token.Text);
        }
        if (token.Text != "{")
        {
            throw new FormatException($"expected '{{', got {token.Text}");
        }
        var attributes = new List<string>();
        ReadBody(string.Empty, attributes);
        return new HclBlock(type.Text, labels, attributes);
    }

    // Attributes until the closing brace; nested object attributes are listed as "outer.inner".
    private void ReadBody(string prefix, List<string> attributes)
    {
        Token token;
        while ((token = Expect()).Text != "}")
        {
            if (token.Kind is not (TokenKind.Identifier or TokenKind.String) || Expect().Text != "=")
            {
                throw new FormatException("expected an attribute");
            }
            attributes.Add(prefix + token.Text);
            ReadValue(Expect(), $"{prefix}{token.Text}.", attributes);
        }
    }

    private void ReadValue(Token token, string prefix, List<string> attributes)
    {
        if (token.Text == "{")
        {
            ReadBody(prefix, attributes);
        }
        else if (token.Text == "[")
        {
            while ((token = Expect()).Text != "]")
            {
                if (token.Text != ",")
                {
                    ReadValue(token, prefix, attributes);
                }
            }
        }
        else if (token.Kind is not (TokenKind.String or TokenKind.Identifier))
        {
            throw new FormatException($"unexpected {token.Text}");
        }
    }

    private Token Expect() => NextToken() ?? throw new FormatException("unexpected end of policy");

    private Token? NextToken()
    {
        SkipSpaceAndComments();
        if (_position >= _text.Length)
        {
            return null;
        }
        var c = _text[_position];
        if (c == '"')
        {
            _position++;
            return new Token(TokenKind.String, ReadString());
        }
        if (char.IsLetterOrDigit(c) || c is '_' or '-' or '.')
        {
            var start = _position;
            while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '_' or '-' or '.'))
            {
                _position++;
            }
            return new Token(TokenKind.Identifier, _text[start.._position]);
        }
        if (c is '{' or '}' or '[' or ']' or '=' or ',')
        {
            _position++;
            return new Token(TokenKind.Punctuation, c.ToString());
        }
        throw new FormatException($"illegal character {(int)c:x4}");
    }

    private void SkipSpaceAndComments()
    {
        while (_position < _text.Length)
        {
            if (char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }
            else if (_text[_position] == '#' || _text.AsSpan(_position).StartsWith("//"))
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    // HCL 1 scanString followed by strconv.Unquote.
    private string ReadString()
    {
        var value = new StringBuilder();
        var braces = 0;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw new FormatException("literal not terminated");
            }
            var c = _text[_position++];
            if (c == '\n' && braces == 0)
            {
                throw new FormatException("literal not terminated");
            }
            if (c == '"' && braces == 0)
            {
                return value.ToString();
            }
            if (braces == 0 && c == '$' && Peek() == '{')
            {
                braces++;
                value.Append("${");
                _position++;
                continue;
            }
            if (braces > 0)
            {
                braces += c == '{' ? 1 : c == '}' ? -1 : 0;
                value.Append(c);
                continue;
            }
            value.Append(c == '\\' ? ReadEscape() : c.ToString());
        }
    }

    private string ReadEscape()
    {
        var c = _position < _text.Length ? _text[_position++] : throw new FormatException("illegal char escape");
        return c switch
        {
            'n' => "\n",
            'r' => "\r",
            't' => "\t",
            '\\' => "\\",
            '"' => "\"",
            'u' => char.ConvertFromUtf32(ReadHex(4)),
            'U' => char.ConvertFromUtf32(ReadHex(8)),
            _ => throw new FormatException("illegal char escape"),
        };
    }

    private int ReadHex(int digits)
    {
        if (_position + digits > _text.Length ||
            !int.TryParse(_text.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw new FormatException("illegal char escape");
        }
        _position += digits;
        return code;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private enum TokenKind { Identifier, String, Punctuation }

    private sealed record Token(TokenKind Kind, string Text);
}
