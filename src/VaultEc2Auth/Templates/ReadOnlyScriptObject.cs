using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace VaultEc2Auth.Templates;

/// <summary>
/// A Scriban object templates can read but never change: every value is produced by <see cref="TryGetValue"/>,
/// so a subclass can check a value at the moment a template reads it (no reflection, AOT-safe).
/// </summary>
internal abstract class ReadOnlyScriptObject : IScriptObject
{
    public abstract int Count { get; }

    public bool IsReadOnly
    {
        get => true;
        set
        {
            if (!value)
            {
                throw new InvalidOperationException("Template variables are read-only.");
            }
        }
    }

    public abstract IEnumerable<string> GetMembers();

    public abstract bool Contains(string member);

    public abstract bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value);

    public bool CanWrite(string member) => false;

    public bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly) =>
        false;

    public bool Remove(string member) => false;

    public void SetReadOnly(string member, bool readOnly)
    {
        if (!readOnly)
        {
            throw new InvalidOperationException("Template variables are read-only.");
        }
    }

    public IScriptObject Clone(bool deep) => this;
}
