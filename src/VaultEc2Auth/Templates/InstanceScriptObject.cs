using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Roles;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Templates;

/// <summary>
/// The variables a template sees (<c>FQDN</c>, <c>InstanceId</c>, <c>Tags</c>, …). Each value is checked against
/// its pattern when, and only when, a template reads it: an instance without a DNS name can still log in through
/// a role whose templates never mention <c>FQDN</c>. A value that is missing or fails its pattern aborts the render
/// with PermissionDenied; the message names the variable, never the value. Provider-neutral values are checked with
/// <see cref="InstanceValuePatterns"/>; the instance ID, account, region and zone with the rules of the instance's
/// provider; image, instance type and IAM role exist only where those rules have them (AWS's).
/// </summary>
/// <param name="labels">GCE's <c>Labels</c>, read like <c>Tags</c>.</param>
internal sealed class InstanceScriptObject(TemplateVariables variables, IScriptObject tags, IScriptObject labels) : ReadOnlyScriptObject
{
    private const string TagsName = "Tags";
    private const string LabelsName = "Labels";

    /// <param name="Rule">The check for this value under the instance's provider's rules; null when that provider has no such value.</param>
    private sealed record Variable(Func<TemplateVariables, string?> Read, Func<IInstanceIdentifierRules, Func<string, bool>?> Rule);

    private static readonly Dictionary<string, Variable> Variables = new(StringComparer.Ordinal)
    {
        ["InstanceHash"] = new(v => v.InstanceHash, _ => InstanceValuePatterns.IsInstanceHash),
        ["FQDN"] = new(v => v.Fqdn, _ => InstanceValuePatterns.IsFqdn),
        ["InternalIPv4"] = new(v => v.InternalIPv4, _ => InstanceValuePatterns.IsIPv4),
        ["BasePath"] = new(v => v.BasePath, _ => VaultBasePath.IsValid),
        ["InstanceId"] = new(v => v.InstanceId, rules => rules.IsInstanceId),
        ["AccountId"] = new(v => v.AccountId, rules => rules.IsAccountId),
        ["Region"] = new(v => v.Region, rules => rules.IsRegion),
        ["AvailabilityZone"] = new(v => v.AvailabilityZone, rules => rules.IsZone),
        ["ImageId"] = new(v => v.ImageId, rules => AwsOnly(rules, aws => aws.IsImageId)),
        ["InstanceType"] = new(v => v.InstanceType, rules => AwsOnly(rules, aws => aws.IsInstanceType)),
        ["RoleName"] = new(v => v.RoleName, _ => InstanceValuePatterns.IsVaultRoleName),
        ["IamRoleArn"] = new(v => v.IamRoleArn, rules => AwsOnly(rules, aws => aws.IsIamRoleArn)),
        ["IamRoleName"] = new(v => v.IamRoleName, rules => AwsOnly(rules, aws => aws.IsIamRoleName)),
        ["ProjectId"] = new(v => v.ProjectId, rules => GceOnly(rules, _ => rules.IsAccountId)),
        ["Zone"] = new(v => v.Zone, rules => GceOnly(rules, _ => rules.IsZone)),
        ["InstanceName"] = new(v => v.InstanceName, rules => GceOnly(rules, gce => gce.IsInstanceName)),
        ["ServiceAccount"] = new(v => v.ServiceAccount, rules => GceOnly(rules, gce => gce.IsServiceAccountEmail)),
    };

    private static Func<string, bool>? AwsOnly(IInstanceIdentifierRules rules, Func<IAwsOnlyIdentifierRules, Func<string, bool>> rule) =>
        rules is IAwsOnlyIdentifierRules aws ? rule(aws) : null;

    private static Func<string, bool>? GceOnly(IInstanceIdentifierRules rules, Func<IGceOnlyIdentifierRules, Func<string, bool>> rule) =>
        rules is IGceOnlyIdentifierRules gce ? rule(gce) : null;

    /// <summary>Every name a template can read, <c>Tags</c> and <c>Labels</c> included.</summary>
    public static IReadOnlyCollection<string> Names { get; } = [.. Variables.Keys, TagsName, LabelsName];

    public override int Count => Names.Count;

    public override IEnumerable<string> GetMembers() => Names;

    public override bool Contains(string member) => member is TagsName or LabelsName || Variables.ContainsKey(member);

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (member is TagsName or LabelsName)
        {
            value = member == TagsName ? tags : labels;
            return true;
        }
        if (!Variables.TryGetValue(member, out var variable))
        {
            value = null;
            return false;
        }
        var text = variable.Read(variables);
        var isValid = variable.Rule(variables.IdentifierRules);
        if (string.IsNullOrEmpty(text) || isValid is null)
        {
            throw RequestException.Denied($"a template reads {member}, which this instance does not have");
        }
        if (!isValid(text))
        {
            throw RequestException.Denied($"{member} of this instance does not match its expected pattern");
        }
        value = text;
        return true;
    }

    public override string ToString() => "instance";
}
