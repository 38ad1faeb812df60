using Scriban.Parsing;

namespace VaultEc2Auth.Templates;

/// <summary>
/// Accepts the Go-template spelling of a variable (<c>{{.FQDN}}</c>, <c>{{ .Tags.team }}</c>,
/// <c>{{ if .FQDN }}</c>) by blanking the leading dot, so it renders the same as <c>{{ FQDN }}</c>. Scriban's own
/// lexer finds the dots, so text outside code blocks, string literals and comments is never touched; only a dot
/// directly followed by a name, at a place where an expression starts, is a Go root reference (in Scriban a dot
/// there is a syntax error). The dot becomes a space, so every line and column Scriban reports stays the one the
/// operator wrote.
/// </summary>
internal static class GoTemplateSpelling
{
    private static readonly HashSet<TokenType> ExpressionStarts =
    [
        TokenType.CodeEnter, TokenType.NewLine, TokenType.SemiColon, TokenType.OpenParen, TokenType.OpenBracket,
        TokenType.Comma, TokenType.Colon, TokenType.Equal, TokenType.VerticalBar, TokenType.PipeGreater,
        TokenType.Exclamation, TokenType.DoubleAmp, TokenType.DoubleVerticalBar, TokenType.Question,
        TokenType.DoubleQuestion, TokenType.DoubleEqual, TokenType.ExclamationEqual, TokenType.Less,
        TokenType.Greater, TokenType.LessEqual, TokenType.GreaterEqual, TokenType.Plus, TokenType.Minus,
        TokenType.Asterisk, TokenType.Divide, TokenType.DoubleDivide, TokenType.Percent,
    ];

    // Keywords after which an expression follows (`if .FQDN`, `for t in .Tags`, `x and .FQDN`).
    private static readonly HashSet<string> ExpressionKeywords =
        new(["if", "while", "in", "case", "when", "ret", "and", "or", "not", "with", "wrap", "import"],
            StringComparer.Ordinal);

    public static string ToScriban(string template)
    {
        if (!template.Contains('.', StringComparison.Ordinal))
        {
            return template;
        }
        char[]? rewritten = null;
        Token previous = default;
        Token dot = default;
        var hasPrevious = false;
        var pendingDot = false;
        foreach (var token in new Lexer(template))
        {
            if (pendingDot && token.Type == TokenType.Identifier && token.Start.Offset == dot.End.Offset + 1)
            {
                rewritten ??= template.ToCharArray();
                rewritten[dot.Start.Offset] = ' ';
            }
            pendingDot = token.Type == TokenType.Dot && hasPrevious && StartsExpression(previous, template);
            dot = token;
            previous = token;
            hasPrevious = true;
        }
        return rewritten is null ? template : new string(rewritten);
    }

    private static bool StartsExpression(Token previous, string template) =>
        ExpressionStarts.Contains(previous.Type) ||
        (previous.Type == TokenType.Identifier && ExpressionKeywords.Contains(previous.GetText(template)));
}
