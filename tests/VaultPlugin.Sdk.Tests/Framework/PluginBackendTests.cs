using System.Text.Json;
using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;
using VaultPlugin.Sdk.Testing;

namespace VaultPlugin.Sdk.Tests.Framework;

public sealed class PluginBackendTests
{
    private readonly InMemoryStorage _storage = new();

    private PluginBackend Backend(OperationHandler? renew = null) => new(SampleBackend.Create(renew), _storage, new FixedSystemView(), "v0.1.0");

    private static LogicalRequest Request(string operation, string path, string? data = null) => new()
    {
        Operation = operation,
        Path = path,
        Data = data is null ? null : JsonNode.Parse(data)!.AsObject(),
    };

    private Task<LogicalResponse?> Handle(string operation, string path, string? data = null) =>
        Backend().HandleRequestAsync(Request(operation, path, data), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Help_on_the_root_returns_help_text_and_an_openapi_document()
    {
        var response = await Handle(Operations.Help, "");

        Assert.NotNull(response);
        Assert.Contains("Sample backend for tests.", response.Data!["help"]!.GetValue<string>());
        Assert.Contains("roles/{name}", response.Data["help"]!.GetValue<string>());
        Assert.Equal("3.0.2", response.Data["openapi"]!["openapi"]!.GetValue<string>());
        Assert.True(response.Data.ContainsKey("see_also"));
    }

    [Fact]
    public async Task Help_on_the_root_with_OpenAPI_request_data_still_answers()
    {
        var response = await Handle(Operations.Help, "", "{\"requestResponsePrefix\":\"vault-plugin-auth-ec2-instance\"}");

        Assert.NotNull(response);
        Assert.IsType<JsonObject>(response.Data!["openapi"]);
    }

    [Fact]
    public async Task Help_on_a_path_returns_that_paths_help_and_openapi()
    {
        var response = await Handle(Operations.Help, "roles/web");

        Assert.NotNull(response);
        var help = response.Data!["help"]!.GetValue<string>();
        Assert.Contains("Manage roles.", help);
        Assert.Contains("ttl", help);
        var paths = response.Data["openapi"]!["paths"]!.AsObject();
        Assert.Equal(["/roles/{name}"], paths.Select(pair => pair.Key));
    }

    [Fact]
    public async Task Help_on_an_unknown_path_is_unsupported_path()
    {
        var exception = await Assert.ThrowsAsync<RequestException>(() => Handle(Operations.Help, "nowhere"));

        Assert.Equal(RequestErrorKind.UnsupportedPath, exception.Kind);
    }

    [Fact]
    public async Task Unknown_path_is_404_unsupported_path()
    {
        var exception = await Assert.ThrowsAsync<RequestException>(() => Handle(Operations.Read, "nowhere/at/all"));

        Assert.Equal(RequestErrorKind.UnsupportedPath, exception.Kind);
        Assert.Equal("unsupported path", exception.Message);
    }

    [Theory]
    [InlineData(Operations.Delete, "login")]
    [InlineData(Operations.Read, "login")]
    [InlineData(Operations.ResolveRole, "login")]
    [InlineData(Operations.AliasLookahead, "login")]
    [InlineData(Operations.Renew, "login")]
    [InlineData("scan", "roles/")]
    [InlineData(Operations.List, "roles/web")]
    public async Task Operation_the_path_lacks_is_405_unsupported_operation(string operation, string path)
    {
        var exception = await Assert.ThrowsAsync<RequestException>(() => Handle(operation, path));

        Assert.Equal(RequestErrorKind.UnsupportedOperation, exception.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("roles/web")]
    [InlineData("nowhere")]
    public async Task Rollback_on_any_path_is_an_empty_success(string path) =>
        Assert.Null(await Handle(Operations.Rollback, path));

    [Fact]
    public async Task Rollback_runs_the_backends_rollback_hook_with_the_mounts_storage_and_answers_empty()
    {
        IStorage? seen = null;
        var definition = SampleBackend.Create(null) with
        {
            Rollback = context =>
            {
                seen = context.Storage;
                return Task.CompletedTask;
            },
        };
        var backend = new PluginBackend(definition, _storage, new FixedSystemView(), "v0.1.0");

        var response = await backend.HandleRequestAsync(Request(Operations.Rollback, ""), TestContext.Current.CancellationToken);

        Assert.Null(response);
        Assert.Same(_storage, seen);
    }

    [Fact]
    public async Task Unknown_field_becomes_a_warning_in_Vaults_words()
    {
        var response = await Handle(Operations.Update, "login", "{\"role\":\"web\",\"x\":1}");

        Assert.Equal(["Endpoint ignored these unrecognized parameters: [x]"], response!.Warnings);
        Assert.NotNull(response.Auth);
    }

    [Fact]
    public async Task Unknown_fields_on_an_empty_answer_make_a_response_carrying_the_warning()
    {
        var response = await Handle(Operations.Update, "roles/web", "{\"zz\":1,\"aa\":2}");

        Assert.NotNull(response);
        Assert.Equal(["Endpoint ignored these unrecognized parameters: [aa zz]"], response.Warnings);
    }

    [Fact]
    public async Task Field_of_the_wrong_type_is_a_bad_request()
    {
        var exception = await Assert.ThrowsAsync<RequestException>(() => Handle(Operations.Update, "roles/web", "{\"ttl\":\"soon\"}"));

        Assert.Equal(RequestErrorKind.BadRequest, exception.Kind);
        Assert.Contains("ttl", exception.Message);
    }

    [Fact]
    public async Task Written_entry_is_read_back_and_listed()
    {
        await Handle(Operations.Update, "roles/web", "{\"ttl\":\"90m\"}");

        var read = await Handle(Operations.Read, "roles/web");
        var list = await Handle(Operations.List, "roles/");

        Assert.Equal("5400", read!.Data!["ttl"]!.GetValue<string>());
        Assert.Equal(["web"], list!.Data!["keys"]!.AsArray().Select(key => key!.GetValue<string>()));
    }

    [Fact]
    public async Task Read_of_a_missing_entry_is_null()
    {
        Assert.Null(await Handle(Operations.Read, "roles/missing"));
    }

    [Fact]
    public async Task Existence_check_reports_found_and_whether_the_entry_exists()
    {
        var backend = Backend();
        await _storage.PutAsync(new StorageEntry("roles/web", "60"u8.ToArray()), TestContext.Current.CancellationToken);

        var existing = await backend.CheckExistenceAsync(Request(Operations.Update, "roles/web", "{}"), TestContext.Current.CancellationToken);
        var missing = await backend.CheckExistenceAsync(Request(Operations.Update, "roles/db", "{}"), TestContext.Current.CancellationToken);

        Assert.Equal((true, true), existing);
        Assert.Equal((true, false), missing);
    }

    [Fact]
    public async Task Existence_check_ignores_the_body_so_bad_input_reaches_the_handler_as_a_400()
    {
        var backend = Backend();
        var request = Request(Operations.Update, "roles/web", "{\"ttl\":\"abc\"}");

        var existence = await backend.CheckExistenceAsync(request, TestContext.Current.CancellationToken);
        var handled = await Assert.ThrowsAsync<RequestException>(() => backend.HandleRequestAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal((true, false), existence);
        Assert.Equal(RequestErrorKind.BadRequest, handled.Kind);
        Assert.Contains("ttl", handled.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("roles/")]
    [InlineData("nowhere")]
    public async Task Existence_check_on_a_path_without_one_is_not_found(string path)
    {
        var result = await Backend().CheckExistenceAsync(Request(Operations.Update, path, "{\"role\":\"web\"}"), TestContext.Current.CancellationToken);

        Assert.Equal((false, false), result);
    }

    [Fact]
    public async Task Renew_goes_to_the_backends_renew_handler_whatever_the_path()
    {
        var original = new AuthData { AliasName = "i-0abc", Ttl = TimeSpan.FromHours(1), Renewable = true };
        var backend = Backend((context, _) => Task.FromResult<LogicalResponse?>(
            LogicalResponse.WithAuth(context.Request.Auth! with { Ttl = TimeSpan.FromHours(2) })));

        var response = await backend.HandleRequestAsync(
            new LogicalRequest { Operation = Operations.Renew, Path = "login", Auth = original }, TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromHours(2), response!.Auth!.Ttl);
        Assert.Equal("i-0abc", response.Auth.AliasName);
    }

    [Fact]
    public async Task A_backends_own_failure_is_answered_through_its_failure_mapping()
    {
        var definition = SampleBackend.Create((_, _) => throw new TimeoutException("upstream gone")) with
        {
            MapFailure = (failure, request) => failure is TimeoutException
                ? RequestException.Coded(503, $"{request.Operation}: {failure.Message}")
                : null,
        };
        var backend = new PluginBackend(definition, _storage, new FixedSystemView(), "v0.1.0");

        var error = await Assert.ThrowsAsync<RequestException>(() => backend.HandleRequestAsync(
            new LogicalRequest { Operation = Operations.Renew, Path = "login", Auth = new AuthData { AliasName = "i-0abc" } }, TestContext.Current.CancellationToken));

        Assert.Equal((RequestErrorKind.Coded, 503, "renew: upstream gone"), (error.Kind, error.StatusCode, error.Message));
    }

    [Fact]
    public async Task A_failure_the_mapping_does_not_know_passes_through_unchanged()
    {
        var definition = SampleBackend.Create((_, _) => throw new InvalidOperationException("bug")) with { MapFailure = (_, _) => null };
        var backend = new PluginBackend(definition, _storage, new FixedSystemView(), "v0.1.0");

        await Assert.ThrowsAsync<InvalidOperationException>(() => backend.HandleRequestAsync(
            new LogicalRequest { Operation = Operations.Renew, Path = "login", Auth = new AuthData { AliasName = "i-0abc" } }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Login_answers_with_auth()
    {
        var response = await Handle(Operations.Update, "login", "{\"role\":\"web\"}");

        Assert.Equal("web", response!.Auth!.AliasName);
        Assert.Empty(response.Warnings);
    }
}
