using System.Runtime.ExceptionServices;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Templates;

/// <summary>A parse problem at a 1-based line and column.</summary>
internal sealed record TemplateSyntaxError(int Line, int Column, string Message);

/// <summary>
/// Parses and renders operator templates with Scriban's AOT-safe surface and a bounded runtime: no file access
/// (<c>include</c> removed, no template loader), no evaluation of strings as code (<c>object.eval</c> removed),
/// no reflection over .NET objects (only <see cref="IScriptObject"/> values are exposed and every reflected member
/// is filtered out), and limits on loops, recursion, string size and output size that fail the render instead of
/// truncating it.
/// </summary>
internal static class TemplateSandbox
{
    public const int MaxTemplateLength = 64 * 1024;
    public const int MaxOutputLength = 64 * 1024;

    private static readonly ParserOptions ParserOptions = new() { ExpressionDepthLimit = 64 };

    public static Template? Parse(string text, out IReadOnlyList<TemplateSyntaxError> errors)
    {
        if (text.Length > MaxTemplateLength)
        {
            errors = [new(0, 0, $"template is longer than {MaxTemplateLength} characters")];
            return null;
        }
        var template = Template.Parse(GoTemplateSpelling.ToScriban(text), sourceFilePath: null, ParserOptions);
        errors = template.HasErrors
            ? template.Messages
                .Where(message => message.Type == ParserMessageType.Error)
                .Select(message => ToSyntaxError(message, text))
                .ToArray()
            : [];
        return template.HasErrors ? null : template;
    }

    // Scriban reports an error found at the end of the text (an unclosed call or block) at no position; the
    // operator is better served by the position just past the last character.
    private static TemplateSyntaxError ToSyntaxError(LogMessage message, string text)
    {
        var start = message.Span.Start;
        if (start.Line >= 0)
        {
            return new TemplateSyntaxError(start.Line + 1, start.Column + 1, message.Message);
        }
        var lastNewLine = text.LastIndexOf('\n');
        return new TemplateSyntaxError(text.Count(c => c == '\n') + 1, text.Length - lastNewLine, message.Message);
    }

    /// <summary>
    /// Renders <paramref name="template"/> with <paramref name="instance"/> as its variables. A refusal raised by a
    /// variable check comes out as the <see cref="RequestException"/> it is; anything else the template does wrong
    /// comes out as a <see cref="ScriptRuntimeException"/> with its position.
    /// </summary>
    public static string Render(Template template, IScriptObject instance)
    {
        var context = NewContext(instance);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException failure) when (FindRefusal(failure) is { } refusal)
        {
            ExceptionDispatchInfo.Throw(refusal);
            throw;
        }
    }

    private static TemplateContext NewContext(IScriptObject instance)
    {
        var context = new TemplateContext(SharedBuiltins)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = true,
            EnableRelaxedFunctionAccess = false,
            LoopLimit = 1000,
            RecursiveLimit = 32,
            ObjectRecursionLimit = 16,
            LimitToString = MaxOutputLength,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OutputLimit = MaxOutputLength,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            RegexTimeOut = TimeSpan.FromMilliseconds(500),
            NewLine = "\n",
            TemplateLoader = null,
            MemberFilter = static _ => false,
        };
        context.PushGlobal(instance);
        // Assignments in a template land here, above the instance's read-only variables.
        context.PushGlobal(new ScriptObject());
        return context;
    }

    // Built once (Scriban's default builtins are a deep copy, hundreds of objects, costly on every render) and then
    // frozen, so nothing one render does can reach the next: the functions themselves hold no state.
    private static readonly ScriptObject SharedBuiltins = Frozen(Builtins());

    private static ScriptObject Frozen(ScriptObject scope)
    {
        foreach (var member in scope.Values)
        {
            if (member is ScriptObject nested && !nested.IsReadOnly)
            {
                Frozen(nested);
            }
        }
        scope.IsReadOnly = true;
        return scope;
    }

    private static ScriptObject Builtins()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        builtins.Remove("include");
        builtins.Remove("include_join");
        var objectFunctions = (ScriptObject)builtins["object"]!;
        objectFunctions.Remove("eval");
        objectFunctions.Remove("eval_template");
        // Serializes through reflection, which fails under Native AOT: not offered at all (json_string is).
        objectFunctions.Remove("to_json");
        builtins.SetValue("hcl_string", EscapingFunction.Hcl, true);
        builtins.SetValue("json_string", EscapingFunction.Json, true);
        return builtins;
    }

    private static RequestException? FindRefusal(Exception failure)
    {
        for (Exception? inner = failure; inner is not null; inner = inner.InnerException)
        {
            if (inner is RequestException refusal)
            {
                return refusal;
            }
        }
        return null;
    }
}
