namespace VaultEc2Auth.Templates;

/// <summary>Where and why a rendered policy is not one Vault would accept (1-based line and column).</summary>
public sealed record PolicyHclProblem(int Line, int Column, string Message);

/// <summary>
/// Checks a rendered policy against the subset of HCL that Vault policies use, so a template that Vault would
/// refuse fails when it is written, not at an instance's first login: <c>path "…" { … }</c> blocks holding
/// <c>capabilities</c> (only Vault's capabilities), <c>policy</c>, <c>allowed_parameters</c>,
/// <c>denied_parameters</c>, <c>required_parameters</c>, <c>min_wrapping_ttl</c> and <c>max_wrapping_ttl</c>, with
/// <c>#</c>, <c>//</c> and <c>/* */</c> comments.
/// </summary>
public sealed class PolicyHcl
{
    public static readonly IReadOnlySet<string> Capabilities =
        new HashSet<string>(["create", "read", "update", "delete", "list", "sudo", "deny", "patch"], StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> LegacyPolicies =
        new HashSet<string>(["read", "write", "deny", "sudo", "list"], StringComparer.Ordinal);

    private readonly string _text;
    private int _position;
    private int _line = 1;
    private int _column = 1;

    private PolicyHcl(string text) => _text = text;

    /// <summary>Null when the policy is well-formed; otherwise the first problem found.</summary>
    public static PolicyHclProblem? Check(string policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            new PolicyHcl(policy).ReadPolicy();
            return null;
        }
        catch (ProblemFound found)
        {
            return found.Problem;
        }
    }

    private void ReadPolicy()
    {
        var blocks = 0;
        while (Peek() is not null)
        {
            var name = Expect(TokenKind.Identifier, "a 'path' block");
            if (name.Text != "path")
            {
                throw Problem(name, $"unknown top-level key '{name.Text}': a Vault policy holds 'path \"…\" {{ … }}' blocks");
            }
            var label = Expect(TokenKind.String, "the quoted path after 'path'");
            if (label.Text.Length == 0)
            {
                throw Problem(label, "path is empty");
            }
            Expect(TokenKind.OpenBrace, "'{' after the path");
            ReadPathBody();
            blocks++;
        }
        if (blocks == 0)
        {
            throw new ProblemFound(new PolicyHclProblem(_line, _column, "policy has no 'path' block"));
        }
    }

    private void ReadPathBody()
    {
        while (true)
        {
            var token = Next() ?? throw AtEnd("'}' closing the path block");
            if (token.Kind == TokenKind.CloseBrace)
            {
                return;
            }
            if (token.Kind is not (TokenKind.Identifier or TokenKind.String))
            {
                throw Problem(token, $"expected a key or '}}', found {Describe(token)}");
            }
            Expect(TokenKind.Equals, $"'=' after '{token.Text}'");
            switch (token.Text)
            {
                case "capabilities":
                    foreach (var capability in ReadStringList(token.Text))
                    {
                        if (!Capabilities.Contains(capability.Text))
                        {
                            throw Problem(capability, $"unknown capability \"{capability.Text}\" (Vault's are {string.Join(", ", Capabilities)})");
                        }
                    }
                    break;
                case "policy":
                    var policy = Expect(TokenKind.String, "a quoted value for 'policy'");
                    if (!LegacyPolicies.Contains(policy.Text))
                    {
                        throw Problem(policy, $"unknown policy \"{policy.Text}\" (Vault's are {string.Join(", ", LegacyPolicies)})");
                    }
                    break;
                case "allowed_parameters" or "denied_parameters":
                    ReadParameterMap(token.Text);
                    break;
                case "required_parameters":
                    ReadStringList(token.Text);
                    break;
                case "min_wrapping_ttl" or "max_wrapping_ttl":
                    var ttl = Next() ?? throw AtEnd($"a value for '{token.Text}'");
                    if (ttl.Kind is not (TokenKind.String or TokenKind.Number))
                    {
                        throw Problem(ttl, $"'{token.Text}' needs a duration such as \"1h\", found {Describe(ttl)}");
                    }
                    break;
                default:
                    throw Problem(token, $"unknown key '{token.Text}' in a path block");
            }
        }
    }

    /// <summary><c>{ "key" = ["value", …] … }</c>: entries separated by newlines or commas.</summary>
    private void ReadParameterMap(string key)
    {
        Expect(TokenKind.OpenBrace, $"'{{' starting '{key}'");
        while (true)
        {
            var token = Next() ?? throw AtEnd($"'}}' closing '{key}'");
            if (token.Kind == TokenKind.CloseBrace)
            {
                return;
            }
            if (token.Kind == TokenKind.Comma)
            {
                continue;
            }
            if (token.Kind is not (TokenKind.Identifier or TokenKind.String))
            {
                throw Problem(token, $"expected a parameter name or '}}' in '{key}', found {Describe(token)}");
            }
            Expect(TokenKind.Equals, $"'=' after parameter '{token.Text}'");
            ReadList(key, _ => { });
        }
    }

    private List<Token> ReadStringList(string key)
    {
        var items = new List<Token>();
        ReadList(key, item =>
        {
            if (item.Kind != TokenKind.String)
            {
                throw Problem(item, $"'{key}' holds quoted strings, found {Describe(item)}");
            }
            items.Add(item);
        });
        return items;
    }

    private void ReadList(string key, Action<Token> item)
    {
        Expect(TokenKind.OpenBracket, $"'[' starting the list of '{key}'");
        var expectItem = true;
        while (true)
        {
            var token = Next() ?? throw AtEnd($"']' closing the list of '{key}'");
            if (token.Kind == TokenKind.CloseBracket)
            {
                return;
            }
            if (!expectItem)
            {
                if (token.Kind != TokenKind.Comma)
                {
                    throw Problem(token, $"expected ',' or ']' in the list of '{key}', found {Describe(token)}");
                }
                expectItem = true;
                continue;
            }
            if (token.Kind is not (TokenKind.String or TokenKind.Number or TokenKind.Identifier))
            {
                throw Problem(token, $"expected a value or ']' in the list of '{key}', found {Describe(token)}");
            }
            item(token);
            expectItem = false;
        }
    }

    private Token Expect(TokenKind kind, string what)
    {
        var token = Next() ?? throw AtEnd(what);
        return token.Kind == kind ? token : throw Problem(token, $"expected {what}, found {Describe(token)}");
    }

    private Token? _peeked;

    private Token? Peek() => _peeked ??= Scan();

    private Token? Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    private Token? Scan()
    {
        SkipSpaceAndComments();
        if (_position >= _text.Length)
        {
            return null;
        }
        var (line, column) = (_line, _column);
        var c = _text[_position];
        var single = c switch
        {
            '{' => TokenKind.OpenBrace,
            '}' => TokenKind.CloseBrace,
            '[' => TokenKind.OpenBracket,
            ']' => TokenKind.CloseBracket,
            '=' => TokenKind.Equals,
            ',' => TokenKind.Comma,
            _ => (TokenKind?)null,
        };
        if (single is { } kind)
        {
            Advance();
            return new Token(kind, c.ToString(), line, column);
        }
        if (c == '"')
        {
            return new Token(TokenKind.String, ReadString(line, column), line, column);
        }
        if (char.IsAsciiDigit(c) || c == '-')
        {
            return new Token(TokenKind.Number, ReadWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-'), line, column);
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            return new Token(TokenKind.Identifier, ReadWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.'), line, column);
        }
        throw new ProblemFound(new PolicyHclProblem(line, column, $"unexpected character {Printable(c)}"));
    }

    private string ReadString(int line, int column)
    {
        Advance();
        var value = new System.Text.StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
            {
                throw new ProblemFound(new PolicyHclProblem(line, column, "string is not closed on its line (missing '\"')"));
            }
            var c = _text[_position];
            Advance();
            if (c == '"')
            {
                return value.ToString();
            }
            if (c == '\\' && _position < _text.Length && _text[_position] != '\n')
            {
                c = _text[_position];
                Advance();
            }
            value.Append(c);
        }
    }

    private string ReadWhile(Func<char, bool> accept)
    {
        var start = _position;
        while (_position < _text.Length && accept(_text[_position]))
        {
            Advance();
        }
        return _text[start.._position];
    }

    private void SkipSpaceAndComments()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (char.IsWhiteSpace(c))
            {
                Advance();
            }
            else if (c == '#' || Starts("//"))
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    Advance();
                }
            }
            else if (Starts("/*"))
            {
                var (line, column) = (_line, _column);
                Advance();
                Advance();
                while (!Starts("*/"))
                {
                    if (_position >= _text.Length)
                    {
                        throw new ProblemFound(new PolicyHclProblem(line, column, "comment is not closed (missing '*/')"));
                    }
                    Advance();
                }
                Advance();
                Advance();
            }
            else
            {
                return;
            }
        }
    }

    private bool Starts(string text) => string.CompareOrdinal(_text, _position, text, 0, text.Length) == 0;

    private void Advance()
    {
        if (_text[_position] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }
        _position++;
    }

    private static ProblemFound Problem(Token token, string message) => new(new PolicyHclProblem(token.Line, token.Column, message));

    private ProblemFound AtEnd(string what) => new(new PolicyHclProblem(_line, _column, $"policy ends where {what} was expected"));

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.String => $"\"{token.Text}\"",
        TokenKind.Identifier or TokenKind.Number => $"'{token.Text}'",
        _ => $"'{token.Text}'",
    };

    private static string Printable(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private enum TokenKind
    {
        Identifier,
        String,
        Number,
        OpenBrace,
        CloseBrace,
        OpenBracket,
        CloseBracket,
        Equals,
        Comma,
    }

    private sealed record Token(TokenKind Kind, string Text, int Line, int Column);

    private sealed class ProblemFound(PolicyHclProblem problem) : Exception(problem.Message)
    {
        public PolicyHclProblem Problem { get; } = problem;
    }
}
