using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;

namespace VaultPlugin.Sdk.Tests.Framework;

/// <summary>
/// Vault decodes each mount's document strictly into its OAS structs (docs/protocol.md §5.9); a type mismatch fails
/// <c>sys/internal/specs/openapi</c> for every mount, so the shape is pinned key by key.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string[] OperationKeys = ["get", "post", "delete", "put", "patch"];

    private static JsonObject Document(string operationPrefix = "sample")
    {
        var backend = SampleBackend.Create() with { OperationPrefix = operationPrefix };
        return OpenApiDocument.Build(backend, backend.Paths, "v0.1.0");
    }

    [Fact]
    public void Document_declares_openapi_3_0_2()
    {
        Assert.Equal("3.0.2", Document()["openapi"]!.GetValue<string>());
    }

    [Fact]
    public void Info_has_string_title_description_version_and_license()
    {
        var info = Document()["info"]!.AsObject();

        Assert.False(string.IsNullOrEmpty(StringAt(info, "title")));
        Assert.NotNull(StringAt(info, "description"));
        Assert.Equal("v0.1.0", StringAt(info, "version"));
        var license = info["license"]!.AsObject();
        Assert.False(string.IsNullOrEmpty(StringAt(license, "name")));
        Assert.StartsWith("https://", StringAt(license, "url"));
    }

    [Fact]
    public void Path_keys_start_with_a_slash_relative_to_the_mount()
    {
        var keys = Document()["paths"]!.AsObject().Select(pair => pair.Key).ToList();

        Assert.Equal(["/login", "/roles/{name}", "/roles"], keys);
    }

    [Fact]
    public void Response_codes_are_numeric_strings_with_a_description()
    {
        foreach (var operation in AllOperations(Document()))
        {
            foreach (var (code, response) in operation["responses"]!.AsObject())
            {
                Assert.True(int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out _), $"response code '{code}'");
                Assert.Equal(JsonValueKind.String, response!["description"]!.GetValueKind());
            }
        }
    }

    [Fact]
    public void Operations_have_string_summary_and_operation_id_and_string_tags()
    {
        var operations = AllOperations(Document()).ToList();

        Assert.NotEmpty(operations);
        foreach (var operation in operations)
        {
            Assert.NotNull(StringAt(operation, "summary"));
            Assert.NotNull(StringAt(operation, "operationId"));
            Assert.All(operation["tags"]!.AsArray(), tag => Assert.Equal(JsonValueKind.String, tag!.GetValueKind()));
        }
    }

    [Fact]
    public void Operation_ids_are_unique()
    {
        var ids = AllOperations(Document()).Select(operation => StringAt(operation, "operationId")).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Operation_ids_are_the_verb_the_backend_prefix_and_the_path()
    {
        var paths = Document()["paths"]!;

        Assert.Equal("read-sample-roles-name", StringAt(paths["/roles/{name}"]!["get"]!.AsObject(), "operationId"));
        Assert.Equal("delete-sample-roles-name", StringAt(paths["/roles/{name}"]!["delete"]!.AsObject(), "operationId"));
        Assert.Equal("list-sample-roles", StringAt(paths["/roles"]!["get"]!.AsObject(), "operationId"));
    }

    [Fact]
    public void Operation_ids_without_a_prefix_are_the_verb_and_the_path()
    {
        var paths = Document(operationPrefix: "")["paths"]!;

        Assert.Equal("write-login", StringAt(paths["/login"]!["post"]!.AsObject(), "operationId"));
        Assert.Equal("read-roles-name", StringAt(paths["/roles/{name}"]!["get"]!.AsObject(), "operationId"));
    }

    [Fact]
    public void Sensitive_field_carries_the_display_attribute()
    {
        var properties = Document()["paths"]!["/login"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!;

        Assert.True(properties["pkcs7"]!["x-vault-displayAttrs"]!["sensitive"]!.GetValue<bool>());
        Assert.Null(properties["role"]!["x-vault-displayAttrs"]);
    }

    [Fact]
    public void Login_path_is_marked_unauthenticated_and_others_are_not()
    {
        var paths = Document()["paths"]!.AsObject();

        Assert.True(paths["/login"]!["x-vault-unauthenticated"]!.GetValue<bool>());
        Assert.Null(paths["/roles/{name}"]!["x-vault-unauthenticated"]);
    }

    [Fact]
    public void Path_with_an_existence_check_supports_create()
    {
        var paths = Document()["paths"]!.AsObject();

        Assert.True(paths["/roles/{name}"]!["x-vault-createSupported"]!.GetValue<bool>());
        Assert.Null(paths["/login"]!["x-vault-createSupported"]);
    }

    [Fact]
    public void Path_parameters_are_required_strings_in_the_path()
    {
        var parameter = Document()["paths"]!["/roles/{name}"]!["parameters"]!.AsArray().Single()!;

        Assert.Equal("name", StringAt(parameter.AsObject(), "name"));
        Assert.Equal("path", StringAt(parameter.AsObject(), "in"));
        Assert.True(parameter["required"]!.GetValue<bool>());
        Assert.Equal("string", parameter["schema"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void List_path_reads_with_a_required_list_query_parameter()
    {
        var get = Document()["paths"]!["/roles"]!["get"]!;

        var list = get["parameters"]!.AsArray().Single()!;
        Assert.Equal("list", list["name"]!.GetValue<string>());
        Assert.Equal("query", list["in"]!.GetValue<string>());
    }

    [Fact]
    public void Request_body_properties_exclude_path_parameters_and_type_durations_as_strings()
    {
        var schema = Document()["paths"]!["/roles/{name}"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;

        Assert.Null(schema["properties"]!["name"]);
        Assert.Equal("string", schema["properties"]!["ttl"]!["type"]!.GetValue<string>());
        Assert.Equal("1h", schema["properties"]!["ttl"]!["default"]!.GetValue<string>());
    }

    [Fact]
    public void Components_hold_a_schemas_object()
    {
        Assert.IsType<JsonObject>(Document()["components"]!["schemas"]);
    }

    [Fact]
    public void Document_round_trips_through_JSON_text()
    {
        var text = Document().ToJsonString();

        Assert.IsType<JsonObject>(JsonNode.Parse(text));
    }

    private static string? StringAt(JsonObject node, string key) =>
        node[key] is { } value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static IEnumerable<JsonObject> AllOperations(JsonObject document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => OperationKeys.Select(key => path.Value![key]))
            .OfType<JsonObject>();
}
