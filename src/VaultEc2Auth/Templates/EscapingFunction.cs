using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace VaultEc2Auth.Templates;

/// <summary>
/// A one-argument template function that turns its argument into a quoted literal of a target syntax
/// (<c>{{ Tags["team"] | hcl_string }}</c>). Written against <see cref="IScriptCustomFunction"/> directly so that
/// no delegate is bound through reflection.
/// </summary>
internal sealed class EscapingFunction(Func<string, string> quote) : IScriptCustomFunction
{
    public static EscapingFunction Hcl { get; } = new(HclString.Quote);

    public static EscapingFunction Json { get; } = new(JsonString.Quote);

    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(string);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "value");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments,
        ScriptBlockStatement? blockStatement)
    {
        if (arguments.Count != 1)
        {
            throw new ScriptRuntimeException(callerContext?.Span ?? context.CurrentSpan,
                $"expects exactly one argument, got {arguments.Count}");
        }
        return quote(context.ObjectToString(arguments[0]) ?? string.Empty);
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments,
        ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));
}
