using Scriban;
using Scriban.Parsing;

namespace VaultEc2Auth.Templates;

/// <summary>
/// The tags of a synthetic instance used to check a template on write: every key a template asks for has the same
/// harmless value, so any template renders whichever keys it reads.
/// </summary>
internal sealed class SyntheticTags : ReadOnlyScriptObject
{
    public const string Value = "synthetic-tag-value";

    public static SyntheticTags Instance { get; } = new();

    public override int Count => 0;

    public override IEnumerable<string> GetMembers() => [];

    public override bool Contains(string member) => true;

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        value = Value;
        return true;
    }

    public override string ToString() => "Tags";
}
