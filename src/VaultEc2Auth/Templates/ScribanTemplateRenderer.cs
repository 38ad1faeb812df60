using System.Runtime.CompilerServices;
using Scriban.Runtime;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Templates;

/// <summary>
/// Renders a role's templates with Scriban. Values an instance controls are checked when a template reads them,
/// escaping functions (<c>hcl_string</c>, <c>json_string</c>) are available, and what is rendered is checked before
/// anything is returned: one bad template refuses the whole login.
/// </summary>
public sealed class ScribanTemplateRenderer : ITemplateRenderer
{
    // Parsed once per stored entry: the role store hands out the same entry object until the template is written
    // again (then a new object, and the old one's parse goes with it), so a key by reference can never be stale.
    private readonly ConditionalWeakTable<TemplateEntry, ParsedTemplateEntry> _parsed = new();

    public IReadOnlyList<TemplateProblem> Validate(TemplateEntry template, string basePath, string policyPrefix)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(basePath);
        ArgumentNullException.ThrowIfNull(policyPrefix);
        var problems = new List<TemplateProblem>();
        var parsed = ParsedTemplateEntry.Parse(template, problems);
        if (SettingsProblem(template.Kind, basePath, policyPrefix) is { } settings)
        {
            problems.Add(settings);
        }
        if (parsed is null || problems.Count > 0)
        {
            return problems;
        }
        try
        {
            var rendered = TemplateEntryRendering.Render(parsed, SyntheticInstances.First(basePath), basePath, policyPrefix);
            // Checked here, on write: a policy Vault cannot parse would otherwise fail only at an instance's first login.
            if (rendered.Policy is { } policy && PolicyHcl.Check(policy.Policy) is { } syntax)
            {
                problems.Add(new TemplateProblem(ParsedTemplateEntry.TemplateField, syntax.Line, syntax.Column, "rendered policy: " + syntax.Message));
                return problems;
            }
            var first = rendered.Target;
            var other = RenderFor(SyntheticInstances.Other(basePath));
            var neighbour = RenderFor(SyntheticInstances.Neighbour(basePath));
            if (first == other || first == neighbour)
            {
                var what = template.Kind == TemplateKind.Policy ? "policy name" : "object path";
                problems.Add(new TemplateProblem(ParsedTemplateEntry.PathField, 0, 0,
                    $"{what} is the same for every instance: include {{{{ InstanceHash }}}} or another per-instance value"));
            }
        }
        catch (TemplateFailure failure)
        {
            problems.Add(failure.Problem);
        }
        return problems;

        string RenderFor(IScriptObject instance) =>
            TemplateEntryRendering.Render(parsed, instance, basePath, policyPrefix).Target;
    }

    public RenderedSet Render(IReadOnlyList<TemplateEntry> templates, TemplateVariables variables,
        string policyPrefix)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(policyPrefix);
        var instance = new InstanceScriptObject(variables, new InstanceTags(variables.Tags), new InstanceLabels(variables.Labels, variables.IdentifierRules));
        var neutral = PolicyPathGuard.HasPathSyntax(variables.Tags) ? PolicyPathGuard.Neutralized(variables) : null;
        var policies = new List<RenderedPolicy>();
        var objects = new List<RenderedObject>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            if (SettingsProblem(template.Kind, variables.BasePath, policyPrefix) is { } settings)
            {
                throw RequestException.Internal($"template {template.Name} cannot be rendered: {settings}");
            }
            var parsed = ParsedOnce(template);
            RenderedTarget rendered;
            try
            {
                rendered = TemplateEntryRendering.Render(parsed, instance, variables.BasePath, policyPrefix);
            }
            catch (TemplateFailure failure)
            {
                throw failure.Refusal;
            }
            if (!owners.TryAdd(rendered.Target, template.Name))
            {
                throw RequestException.Denied(
                    $"templates {owners[rendered.Target]} and {template.Name} render the same {rendered.Target}");
            }
            if (rendered.Policy is not null)
            {
                if (neutral is not null)
                {
                    PolicyPathGuard.RequireSamePaths(template.Name, rendered.Policy.Policy,
                        () => TemplateEntryRendering.Render(parsed, neutral, variables.BasePath, policyPrefix).Policy?.Policy);
                }
                policies.Add(rendered.Policy with { Template = template.Name });
            }
            if (rendered.Object is not null)
            {
                objects.Add(rendered.Object with { Template = template.Name });
            }
        }
        return new RenderedSet(policies, objects);
    }

    private ParsedTemplateEntry ParsedOnce(TemplateEntry template)
    {
        if (_parsed.TryGetValue(template, out var cached))
        {
            return cached;
        }
        var parsed = ParsedTemplateEntry.Parse(template, new List<TemplateProblem>())
            ?? throw RequestException.Internal($"template {template.Name} does not parse");
        return _parsed.GetValue(template, _ => parsed);
    }

    /// <summary>The operator settings a template of <paramref name="kind"/> depends on, checked before any render.</summary>
    private static TemplateProblem? SettingsProblem(TemplateKind kind, string basePath, string policyPrefix) =>
        kind switch
        {
            TemplateKind.Policy when policyPrefix.Length == 0 =>
                new TemplateProblem("policy_prefix", 0, 0, "policy prefix must not be empty"),
            TemplateKind.Policy when PolicyName.Problem(policyPrefix + "x") is { } problem =>
                new TemplateProblem("policy_prefix", 0, 0, problem),
            TemplateKind.Generic when VaultBasePath.Problem(basePath) is { } problem =>
                new TemplateProblem("base_path", 0, 0, problem),
            _ => null,
        };
}
