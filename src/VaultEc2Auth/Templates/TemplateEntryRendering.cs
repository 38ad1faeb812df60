using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Templates;

/// <summary>What one template renders to for one instance; <see cref="Target"/> names where it is written.</summary>
internal sealed record RenderedTarget(string Target, RenderedPolicy? Policy, RenderedObject? Object);

/// <summary>
/// Renders one parsed template entry for one instance into what a login writes, and checks it: a policy name that
/// Vault accepts and that is not root/default; an object path that stays under the base path; a body that is one
/// JSON object. Every failure is a <see cref="TemplateFailure"/>.
/// </summary>
internal static class TemplateEntryRendering
{
    public const string PathLeavesBasePath = "rendered path leaves base_path";

    /// <summary>Renders a policy or a generic object, whichever the entry's kind says.</summary>
    public static RenderedTarget Render(ParsedTemplateEntry parsed, IScriptObject instance, string basePath,
        string policyPrefix)
    {
        if (parsed.Entry.Kind == TemplateKind.Policy)
        {
            var policy = RenderPolicy(parsed, instance, policyPrefix);
            return new RenderedTarget($"policy name {policy.Name}", policy, null);
        }
        var data = RenderObject(parsed, instance, basePath);
        return new RenderedTarget($"object path {data.Path}", null, data);
    }

    private static RenderedPolicy RenderPolicy(ParsedTemplateEntry parsed, IScriptObject instance, string policyPrefix)
    {
        var name = policyPrefix + RenderField(parsed, ParsedTemplateEntry.PathField, parsed.Path, instance);
        if (PolicyName.Problem(name) is { } problem)
        {
            throw Failure(parsed, ParsedTemplateEntry.PathField, problem,
                $"template {parsed.Entry.Name} renders a policy name that is not allowed: {problem}");
        }
        var body = RenderField(parsed, ParsedTemplateEntry.TemplateField, parsed.Body, instance);
        if (string.IsNullOrWhiteSpace(body))
        {
            throw Failure(parsed, ParsedTemplateEntry.TemplateField, "template renders an empty policy",
                $"template {parsed.Entry.Name} renders an empty policy");
        }
        return new RenderedPolicy(name, body);
    }

    private static RenderedObject RenderObject(ParsedTemplateEntry parsed, IScriptObject instance, string basePath)
    {
        var path = RenderedTargetRules.UnderBasePath(RenderField(parsed, ParsedTemplateEntry.PathField, parsed.Path, instance))
            ?? throw Failure(parsed, ParsedTemplateEntry.PathField, PathLeavesBasePath, PathLeavesBasePath);
        var body = RenderField(parsed, ParsedTemplateEntry.TemplateField, parsed.Body, instance);
        if (!RenderedTargetRules.TryParseJsonObject(body, out var data, out var problem))
        {
            throw Failure(parsed, ParsedTemplateEntry.TemplateField, problem,
                $"template {parsed.Entry.Name} does not render a JSON object for this instance");
        }
        return new RenderedObject($"{basePath}/{path}", data);
    }

    private static string RenderField(ParsedTemplateEntry parsed, string field, Template template,
        IScriptObject instance)
    {
        try
        {
            return TemplateSandbox.Render(template, instance);
        }
        catch (RequestException refusal)
        {
            throw new TemplateFailure(new TemplateProblem(field, 0, 0, refusal.Message), refusal);
        }
        catch (ScriptRuntimeException failure)
        {
            var line = failure.Span.Start.Line + 1;
            var column = failure.Span.Start.Column + 1;
            throw new TemplateFailure(
                new TemplateProblem(field, line, column, failure.OriginalMessage),
                RequestException.Denied(
                    $"template {parsed.Entry.Name} cannot be rendered for this instance ({field}, line {line}, column {column})"));
        }
    }

    private static TemplateFailure Failure(ParsedTemplateEntry parsed, string field, string problem,
        string loginMessage) =>
        new(new TemplateProblem(field, 0, 0, problem), RequestException.Denied(loginMessage));
}
