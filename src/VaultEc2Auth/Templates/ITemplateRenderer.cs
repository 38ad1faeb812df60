using VaultEc2Auth.Roles;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.Templates;

/// <summary>A template problem found on write, with the position it was found at (1-based; 0 when unknown).</summary>
public sealed record TemplateProblem(string Field, int Line, int Column, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{Field}: line {Line}, column {Column}: {Message}" : $"{Field}: {Message}";
}

/// <summary>Renders a role's templates for one instance (Scriban, AOT-safe TemplateContext API).</summary>
public interface ITemplateRenderer
{
    /// <summary>
    /// Checks a template on write: it parses; it renders for two synthetic instances; a generic one yields a JSON
    /// object whose path stays under <paramref name="basePath"/>; a policy name is valid, never root/default,
    /// and differs between the two instances. Empty list = valid.
    /// </summary>
    IReadOnlyList<TemplateProblem> Validate(TemplateEntry template, string basePath, string policyPrefix);

    /// <summary>
    /// Renders every template for one instance. Throws RequestException PermissionDenied (nothing rendered) when
    /// an instance-controlled value a template reads fails its pattern, or a rendered path leaves the base path.
    /// </summary>
    RenderedSet Render(IReadOnlyList<TemplateEntry> templates, TemplateVariables variables, string policyPrefix);
}
