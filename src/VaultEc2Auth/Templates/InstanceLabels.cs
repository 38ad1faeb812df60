using Scriban;
using Scriban.Parsing;
using VaultEc2Auth.Instances;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Templates;

/// <summary>
/// <c>Labels</c>: a GCE instance's labels, read as <c>Labels["key"]</c> or <c>Labels.key</c>, checked with GCE's label
/// rules when a template reads one (whoever may label the instance chooses them); a missing key reads as null. An
/// instance whose provider has no labels has none. The value itself never appears in an error message.
/// </summary>
internal sealed class InstanceLabels(IReadOnlyDictionary<string, string> labels, IInstanceIdentifierRules rules) : ReadOnlyScriptObject
{
    private readonly IReadOnlyDictionary<string, string> _labels = rules is IGceOnlyIdentifierRules ? labels : new Dictionary<string, string>();

    public override int Count => _labels.Count;

    public override IEnumerable<string> GetMembers()
    {
        if (_labels.Keys.Any(key => !((IGceOnlyIdentifierRules)rules).IsLabelKey(key)))
        {
            throw RequestException.Denied("a label key is outside GCE's label rules");
        }

        return _labels.Keys.ToArray();
    }

    public override bool Contains(string member) => _labels.ContainsKey(member);

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (!_labels.TryGetValue(member, out var text))
        {
            value = null;
            return false;
        }

        var gce = (IGceOnlyIdentifierRules)rules;
        if (!gce.IsLabelKey(member) || !gce.IsLabelValue(text))
        {
            throw RequestException.Denied($"label {(gce.IsLabelKey(member) ? member : "(key outside GCE's label rules)")} is outside GCE's label rules");
        }

        value = text;
        return true;
    }

    public override string ToString() => "Labels";
}
