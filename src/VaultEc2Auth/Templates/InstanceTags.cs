using Scriban;
using Scriban.Parsing;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Templates;

/// <summary>
/// <c>Tags</c>: the instance's tags, read as <c>Tags["key"]</c> or <c>Tags.key</c>. Anyone who can tag the
/// instance chooses these values, and EC2 accepts any character in them, so a value is checked against AWS's tag
/// character set when a template reads it; a missing key reads as null. The value itself never appears in an
/// error message.
/// </summary>
internal sealed class InstanceTags(IReadOnlyDictionary<string, string> tags) : ReadOnlyScriptObject
{
    public override int Count => tags.Count;

    public override IEnumerable<string> GetMembers()
    {
        // Keys are instance-chosen too: a template that lists them could write them out.
        foreach (var key in tags.Keys)
        {
            if (!InstanceValuePatterns.IsTagKey(key))
            {
                throw RequestException.Denied("a tag key holds characters outside AWS's tag character set");
            }
        }
        return tags.Keys.ToArray();
    }

    public override bool Contains(string member) => tags.ContainsKey(member);

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (!tags.TryGetValue(member, out var text))
        {
            value = null;
            return false;
        }
        if (!InstanceValuePatterns.IsTagValue(text))
        {
            var name = InstanceValuePatterns.IsTagKey(member) ? member : "(key outside AWS's tag character set)";
            throw RequestException.Denied(text.Length > InstanceValuePatterns.MaxTagValueLength
                ? $"tag {name} is longer than {InstanceValuePatterns.MaxTagValueLength} characters"
                : $"tag {name} holds characters outside AWS's tag character set");
        }
        value = text;
        return true;
    }

    public override string ToString() => "Tags";
}
