using VaultEc2Auth.Config;
using VaultEc2Auth.Login;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests;

/// <summary>The auth method as Vault sees it before any request: its paths, help, OpenAPI and special paths.</summary>
public sealed class Ec2AuthBackendTests
{
    private static readonly string[] ExpectedPaths =
    [
        "login",
        "config/client",
        "config/vault",
        "config/certificates/",
        "config/certificate/{name}",
        "config/sts/",
        "config/sts/{account_id}",
        "roles/",
        "roles/{name}",
        "roles/{name}/preview",
        "templates/{role}/",
        "templates/{role}/{name}",
        "config/tidy",
        "tidy/instances",
        "tidy/status",
        "instances/",
        "instances/{instance_id}",
    ];

    private readonly Ec2AuthHarness _plugin = new();

    private async Task<System.Text.Json.Nodes.JsonObject> RootHelpAsync() => (await _plugin.SendAsync(Operations.Help, ""))!.Data!;

    [Fact]
    public void Backend_declares_exactly_the_documented_paths()
    {
        Assert.Equal(ExpectedPaths.Order(StringComparer.Ordinal), _plugin.Definition.Paths.Select(path => path.Pattern.Template).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Root_help_lists_every_path()
    {
        var help = (await RootHelpAsync())["help"]!.GetValue<string>();

        Assert.All(ExpectedPaths, path => Assert.Contains("    " + path + "\n", help, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Openapi_describes_every_path()
    {
        var paths = (await RootHelpAsync())["openapi"]!["paths"]!.AsObject();

        Assert.Equal(ExpectedPaths.Select(path => "/" + path.TrimEnd('/')).Order(StringComparer.Ordinal), paths.Select(pair => pair.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Openapi_marks_login_and_only_login_unauthenticated()
    {
        var paths = (await RootHelpAsync())["openapi"]!["paths"]!.AsObject();

        Assert.True(paths["/login"]!["x-vault-unauthenticated"]!.GetValue<bool>());
        Assert.All(paths.Where(pair => pair.Key != "/login"), pair => Assert.False(pair.Value!.AsObject().ContainsKey("x-vault-unauthenticated")));
    }

    [Fact]
    public async Task Openapi_marks_the_nonce_sensitive()
    {
        var login = (await RootHelpAsync())["openapi"]!["paths"]!["/login"]!;
        var nonce = login["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!["nonce"]!;

        Assert.True(nonce["x-vault-displayAttrs"]!["sensitive"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Openapi_operation_ids_carry_the_plugin_type()
    {
        var paths = (await RootHelpAsync())["openapi"]!["paths"]!;

        Assert.Equal("write-ec2-instance-login", paths["/login"]!["post"]!["operationId"]!.GetValue<string>());
        Assert.Equal("read-ec2-instance-roles-name", paths["/roles/{name}"]!["get"]!["operationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Help_on_a_path_describes_that_path()
    {
        var help = (await _plugin.SendAsync(Operations.Help, "roles/web"))!.Data!["help"]!.GetValue<string>();

        Assert.Contains("iam_role_arn", help, StringComparison.Ordinal);
        Assert.Contains("base_path", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Special_paths_are_the_same_object_for_every_mount()
    {
        var setup = new BackendSetup(_plugin.Storage, _plugin.SystemView, new Dictionary<string, string>(), "another-uuid");

        Assert.Same(Ec2AuthBackend.SpecialPaths, _plugin.Factory.Create(setup).SpecialPaths);
        Assert.Same(_plugin.Definition.SpecialPaths, _plugin.Factory.Create(setup).SpecialPaths);
    }

    [Fact]
    public void Special_paths_make_login_unauthenticated()
    {
        Assert.Equal(["login"], Ec2AuthBackend.SpecialPaths.Unauthenticated);
    }

    [Fact]
    public void Special_paths_keep_the_access_list_local_to_each_cluster()
    {
        Assert.Equal([AccessList.Prefix], Ec2AuthBackend.SpecialPaths.LocalStorage);
    }

    [Fact]
    public void Special_paths_seal_wrap_the_entries_holding_secrets()
    {
        Assert.Equal([ClientConfigPath.StorageKey, VaultConfigPath.StorageKey], Ec2AuthBackend.SpecialPaths.SealWrapStorage);
    }

    [Fact]
    public async Task Rollback_requests_succeed_without_effect()
    {
        Assert.Null(await _plugin.SendAsync(Operations.Rollback, ""));
    }

    [Fact]
    public async Task Cleanup_closes_the_writer_connection()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.LoginAsync(_plugin.Launch().Pkcs7);
        Assert.Equal(1, _plugin.Vault.OpenConnections);

        await _plugin.Definition.Cleanup!();

        Assert.Equal(0, _plugin.Vault.OpenConnections);
    }
}
