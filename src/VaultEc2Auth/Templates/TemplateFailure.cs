using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Templates;

/// <summary>
/// One template could not be rendered into something writable. It carries two descriptions of the same failure:
/// <see cref="Problem"/> for an operator checking a template against synthetic instances (it may quote Scriban's
/// or the JSON reader's message), and <see cref="Refusal"/> for a login, which names the template and the place
/// but never what was rendered.
/// </summary>
internal sealed class TemplateFailure(TemplateProblem problem, RequestException refusal) : Exception(problem.Message)
{
    public TemplateProblem Problem { get; } = problem;

    public RequestException Refusal { get; } = refusal;
}
