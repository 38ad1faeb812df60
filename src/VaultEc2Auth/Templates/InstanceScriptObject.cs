using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using VaultEc2Auth.Sdk.Framework;

namespace VaultEc2Auth.Templates;

/// <summary>
/// The variables a template sees (<c>FQDN</c>, <c>InstanceId</c>, <c>Tags</c>, …). Each value is checked against
/// its pattern when, and only when, a template reads it: an instance without a DNS name can still log in through
/// a role whose templates never mention <c>FQDN</c>. A value that is missing or fails its pattern aborts the render
/// with PermissionDenied; the message names the variable, never the value.
/// </summary>
internal sealed class InstanceScriptObject(TemplateVariables variables, IScriptObject tags) : ReadOnlyScriptObject
{
    private const string TagsName = "Tags";

    private sealed record Variable(Func<TemplateVariables, string?> Read, Func<string, bool> IsValid);

    private static readonly Dictionary<string, Variable> Variables = new(StringComparer.Ordinal)
    {
        ["InstanceHash"] = new(v => v.InstanceHash, InstanceValuePatterns.IsInstanceHash),
        ["FQDN"] = new(v => v.Fqdn, InstanceValuePatterns.IsFqdn),
        ["InternalIPv4"] = new(v => v.InternalIPv4, InstanceValuePatterns.IsIPv4),
        ["BasePath"] = new(v => v.BasePath, RenderedTargetRules.IsCleanRelativePath),
        ["InstanceId"] = new(v => v.InstanceId, InstanceValuePatterns.IsInstanceId),
        ["AccountId"] = new(v => v.AccountId, InstanceValuePatterns.IsAccountId),
        ["Region"] = new(v => v.Region, InstanceValuePatterns.IsRegion),
        ["AvailabilityZone"] = new(v => v.AvailabilityZone, InstanceValuePatterns.IsAvailabilityZone),
        ["ImageId"] = new(v => v.ImageId, InstanceValuePatterns.IsImageId),
        ["InstanceType"] = new(v => v.InstanceType, InstanceValuePatterns.IsInstanceType),
        ["RoleName"] = new(v => v.RoleName, InstanceValuePatterns.IsVaultRoleName),
        ["IamRoleArn"] = new(v => v.IamRoleArn, InstanceValuePatterns.IsIamRoleArn),
        ["IamRoleName"] = new(v => v.IamRoleName, InstanceValuePatterns.IsIamRoleName),
    };

    /// <summary>Every name a template can read, <c>Tags</c> included.</summary>
    public static IReadOnlyCollection<string> Names { get; } = [.. Variables.Keys, TagsName];

    public override int Count => Names.Count;

    public override IEnumerable<string> GetMembers() => Names;

    public override bool Contains(string member) => member == TagsName || Variables.ContainsKey(member);

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (member == TagsName)
        {
            value = tags;
            return true;
        }
        if (!Variables.TryGetValue(member, out var variable))
        {
            value = null;
            return false;
        }
        var text = variable.Read(variables);
        if (string.IsNullOrEmpty(text))
        {
            throw RequestException.Denied($"a template reads {member}, which this instance does not have");
        }
        if (!variable.IsValid(text))
        {
            throw RequestException.Denied($"{member} of this instance does not match its expected pattern");
        }
        value = text;
        return true;
    }

    public override string ToString() => "instance";
}
