using Scriban;
using VaultEc2Auth.Roles;

namespace VaultEc2Auth.Templates;

/// <summary>A template entry whose <c>path</c> and <c>template</c> fields both parsed.</summary>
internal sealed record ParsedTemplateEntry(TemplateEntry Entry, Template Path, Template Body)
{
    public const string PathField = "path";
    public const string TemplateField = "template";

    /// <summary>Parses both fields; on failure adds every syntax error of both to <paramref name="problems"/>.</summary>
    public static ParsedTemplateEntry? Parse(TemplateEntry entry, ICollection<TemplateProblem> problems)
    {
        var path = ParseField(PathField, entry.Path, problems);
        var body = ParseField(TemplateField, entry.Template, problems);
        return path is null || body is null ? null : new ParsedTemplateEntry(entry, path, body);
    }

    private static Template? ParseField(string field, string text, ICollection<TemplateProblem> problems)
    {
        var template = TemplateSandbox.Parse(text, out var errors);
        foreach (var error in errors)
        {
            problems.Add(new TemplateProblem(field, error.Line, error.Column, error.Message));
        }
        return template;
    }
}
