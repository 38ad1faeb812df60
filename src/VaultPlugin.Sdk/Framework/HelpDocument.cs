using System.Text;
using System.Text.Json.Nodes;

namespace VaultPlugin.Sdk.Framework;

/// <summary>
/// Answers <c>help</c> (<c>path-help</c>, <c>?help=1</c>, Vault's OpenAPI endpoint) with Vault's shape:
/// <c>{"help": markdown, "see_also": null, "openapi": document}</c>. Never null and never an error for the root,
/// because one failing mount fails <c>sys/internal/specs/openapi</c> for everyone.
/// </summary>
internal static class HelpDocument
{
    public static LogicalResponse Respond(BackendDefinition backend, string requestPath, string version)
    {
        if (requestPath.Length == 0)
        {
            return Build(RootHelp(backend), OpenApiDocument.Build(backend, backend.Paths, version));
        }

        var path = backend.Paths.FirstOrDefault(candidate => candidate.Pattern.TryMatch(requestPath, out _))
                   ?? throw RequestException.NotFound("unsupported path");
        return Build(PathHelp(path), OpenApiDocument.Build(backend, [path], version));
    }

    private static LogicalResponse Build(string help, JsonObject openApi) => LogicalResponse.WithData(new JsonObject
    {
        ["help"] = help,
        ["see_also"] = null,
        ["openapi"] = openApi,
    });

    private static string RootHelp(BackendDefinition backend)
    {
        var text = new StringBuilder("## DESCRIPTION\n\n").Append(backend.Help.Trim()).Append("\n\n## PATHS\n\n")
            .Append("The following paths are supported by this backend. To view help for\n")
            .Append("any of the paths below, use the help command with any route matching\n")
            .Append("the path pattern.\n\n");
        foreach (var path in backend.Paths)
        {
            text.Append("    ").Append(path.Pattern.Template).Append("\n        ").Append(path.HelpSynopsis.Trim()).Append("\n\n");
        }

        return text.ToString();
    }

    private static string PathHelp(PathDefinition path)
    {
        var text = new StringBuilder("Request:        ").Append(path.Pattern.Template)
            .Append("\nMatching Route: ").Append(path.Pattern.OpenApiPath)
            .Append("\n\n").Append(path.HelpSynopsis.Trim()).Append("\n\n");
        if (path.Fields.Count > 0)
        {
            text.Append("## PARAMETERS\n\n");
            foreach (var (name, field) in path.Fields.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                text.Append(name).Append(" (").Append(TypeName(field.Type)).Append(')')
                    .Append(field.Required ? ", required" : "")
                    .Append(field.Sensitive ? ", sensitive" : "")
                    .Append("\n\n    ").Append(field.Description.Trim()).Append("\n\n");
            }
        }

        text.Append("## DESCRIPTION\n\n").Append(path.HelpDescription.Trim()).Append('\n');
        return text.ToString();
    }

    internal static string TypeName(FieldType type) => type switch
    {
        FieldType.Int => "int",
        FieldType.Bool => "bool",
        FieldType.Duration => "duration (sec)",
        FieldType.CommaStringSlice => "comma-separated strings",
        FieldType.Map => "map",
        _ => "string",
    };
}
