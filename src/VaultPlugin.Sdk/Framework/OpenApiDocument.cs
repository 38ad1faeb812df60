using System.Text.Json.Nodes;

namespace VaultPlugin.Sdk.Framework;

/// <summary>
/// The OpenAPI 3.0.2 document Vault merges into <c>sys/internal/specs/openapi</c>. Vault decodes it strictly
/// (framework.NewOASDocumentFromMap), so only its known keys and types appear; response codes are strings.
/// </summary>
internal static class OpenApiDocument
{
    public static JsonObject Build(BackendDefinition backend, IEnumerable<PathDefinition> paths, string version)
    {
        var items = new JsonObject();
        foreach (var path in paths)
        {
            items[path.Pattern.OpenApiPath] = PathItem(path, backend.SpecialPaths, backend.OperationPrefix);
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.2",
            ["info"] = new JsonObject
            {
                ["title"] = "HashiCorp Vault API",
                ["description"] = "HTTP API that gives you full access to Vault. All API routes are prefixed with `/v1/`.",
                ["version"] = version,
                ["license"] = new JsonObject { ["name"] = "Mozilla Public License 2.0", ["url"] = "https://www.mozilla.org/en-US/MPL/2.0" },
            },
            ["paths"] = items,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject PathItem(PathDefinition path, SpecialPathSet specialPaths, string operationPrefix)
    {
        var item = new JsonObject { ["description"] = path.HelpSynopsis.Trim() };
        var parameters = new JsonArray();
        foreach (var name in path.Pattern.Parameters)
        {
            var description = path.Fields.TryGetValue(name, out var field) ? field.Description : name;
            parameters.Add((JsonNode)new JsonObject
            {
                ["name"] = name,
                ["description"] = description,
                ["in"] = "path",
                ["schema"] = new JsonObject { ["type"] = "string" },
                ["required"] = true,
            });
        }

        if (parameters.Count > 0)
        {
            item["parameters"] = parameters;
        }

        var template = path.Pattern.Template;
        if (specialPaths.Unauthenticated.Any(pattern => pattern == template || (pattern.EndsWith('*') && template.StartsWith(pattern[..^1], StringComparison.Ordinal))))
        {
            item["x-vault-unauthenticated"] = true;
        }

        if (path.ExistenceCheck is not null)
        {
            item["x-vault-createSupported"] = true;
        }

        var operationId = OperationIdBase(operationPrefix, template);
        if (path.Operations.TryGetValue(Operations.Read, out var read))
        {
            item["get"] = Operation(read.Summary, "read-" + operationId, null);
        }
        else if (path.Operations.TryGetValue(Operations.List, out var list))
        {
            var get = Operation(list.Summary, "list-" + operationId, null);
            get["parameters"] = new JsonArray(new JsonObject
            {
                ["name"] = "list",
                ["description"] = "Must be set to `true`",
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("true") },
                ["required"] = true,
            });
            item["get"] = get;
        }

        if (path.Operations.TryGetValue(Operations.Update, out var update) || path.Operations.TryGetValue(Operations.Create, out update))
        {
            item["post"] = Operation(update.Summary, "write-" + operationId, RequestBody(path));
        }

        if (path.Operations.TryGetValue(Operations.Delete, out var delete))
        {
            item["delete"] = Operation(delete.Summary, "delete-" + operationId, null);
        }

        return item;
    }

    private static JsonObject Operation(string summary, string operationId, JsonObject? requestBody)
    {
        var operation = new JsonObject
        {
            ["summary"] = summary,
            ["operationId"] = operationId,
            ["tags"] = new JsonArray("auth"),
        };
        if (requestBody is not null)
        {
            operation["requestBody"] = requestBody;
        }

        operation["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } };
        return operation;
    }

    private static JsonObject? RequestBody(PathDefinition path)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var (name, field) in path.Fields.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (path.Pattern.Parameters.Contains(name))
            {
                continue;
            }

            properties[name] = Schema(field);
            if (field.Required)
            {
                required.Add((JsonNode)name);
            }
        }

        if (properties.Count == 0)
        {
            return null;
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        return new JsonObject
        {
            ["required"] = required.Count > 0,
            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } },
        };
    }

    private static JsonObject Schema(FieldSchema field)
    {
        var schema = field.Type switch
        {
            FieldType.Int => new JsonObject { ["type"] = "integer" },
            FieldType.Bool => new JsonObject { ["type"] = "boolean" },
            FieldType.Duration => new JsonObject { ["type"] = "string", ["format"] = "duration" },
            FieldType.CommaStringSlice => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            FieldType.Map => new JsonObject { ["type"] = "object" },
            _ => new JsonObject { ["type"] = "string" },
        };
        schema["description"] = field.Description;
        if (field.AllowedValues is { } allowed)
        {
            schema["enum"] = new JsonArray([.. allowed.Select(value => (JsonNode)value)]);
        }

        if (field.Default is not null)
        {
            schema["default"] = field.Default.DeepClone();
        }

        if (field.Sensitive)
        {
            schema["x-vault-displayAttrs"] = new JsonObject { ["sensitive"] = true };
        }

        return schema;
    }

    private static string OperationIdBase(string operationPrefix, string template) =>
        string.Join('-', template.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Trim('{', '}')).Prepend(operationPrefix).Where(part => part.Length > 0));
}
