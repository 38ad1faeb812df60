using System.Text;
using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Storage;

/// <summary>
/// Entries in the mount's storage: readable JSON, corrupt ones reported without their content, and cached copies
/// dropped when Vault says another node changed a key.
/// </summary>
public sealed class StoredEntriesTests
{
    private readonly Ec2AuthHarness _plugin = new();

    /// <summary>What another node of the cluster does: write the key directly, then Vault invalidates it here.</summary>
    private async Task WriteOnAnotherNodeAsync(string key, JsonObject value)
    {
        var current = JsonNode.Parse((await _plugin.Storage.GetAsync(key, CancellationToken.None))?.Value ?? "{}"u8.ToArray())!.AsObject();
        foreach (var (name, field) in value)
        {
            current[name] = field?.DeepClone();
        }

        await _plugin.Storage.PutAsync(new StorageEntry(key, Encoding.UTF8.GetBytes(current.ToJsonString())), CancellationToken.None);
        _plugin.Definition.Invalidate!(key);
    }

    [Fact]
    public async Task Role_is_stored_as_json_with_vaults_snake_case_names()
    {
        await _plugin.CreateRoleAsync(fields: new JsonObject { ["token_ttl"] = "1h" });

        var stored = JsonNode.Parse((await _plugin.Storage.GetAsync("roles/web", CancellationToken.None))!.Value)!.AsObject();

        Assert.Equal(WebRoleArn, stored["iam_role_arn"]!.GetValue<string>());
        Assert.Equal(BasePath, stored["base_path"]!.GetValue<string>());
        Assert.Equal(3600, stored["token"]!["ttl_seconds"]!.GetValue<long>());
    }

    [Fact]
    public async Task Corrupt_entry_is_an_internal_error_naming_the_key_but_not_its_content()
    {
        await _plugin.Storage.PutAsync(new StorageEntry("roles/web", "{\"iam_role_arn\": \"secret-looking-content"u8.ToArray()), CancellationToken.None);

        var failure = await RequestAssert.FailsAsync(RequestErrorKind.Internal, () => _plugin.ReadAsync("roles/web"));

        Assert.Contains("roles/web", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-looking-content", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_changed_on_another_node_is_used_after_invalidation()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");

        await WriteOnAnotherNodeAsync("roles/web", new JsonObject { ["bound_region"] = new JsonArray("us-east-1") });

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, "nonce"));
    }

    [Fact]
    public async Task Template_changed_on_another_node_is_rendered_by_the_next_login_after_invalidation()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.LoginAsync(_plugin.Launch("i-0aaaaaaaaaaaaaaa1").Pkcs7);

        await WriteOnAnotherNodeAsync("templates/web/issue", new JsonObject { ["template"] = "path \"pki/issue/changed-{{ InstanceHash }}\" { capabilities = [\"update\"] }" });
        await _plugin.LoginAsync(_plugin.Launch("i-0bbbbbbbbbbbbbbb2").Pkcs7);

        Assert.Contains(_plugin.Vault.Policies.Values, policy => policy.Contains("pki/issue/changed-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Role_created_on_another_node_is_listed_after_invalidation()
    {
        await _plugin.CreateRoleAsync("web");
        Assert.Equal(["web"], await _plugin.ListKeysAsync("roles/"));
        var stored = (await _plugin.Storage.GetAsync("roles/web", CancellationToken.None))!.Value;
        var copy = JsonNode.Parse(stored)!.AsObject();
        copy["name"] = "db";

        await _plugin.Storage.PutAsync(new StorageEntry("roles/db", Encoding.UTF8.GetBytes(copy.ToJsonString())), CancellationToken.None);
        _plugin.Definition.Invalidate!("roles/db");

        Assert.Equal(["db", "web"], await _plugin.ListKeysAsync("roles/"));
    }

    [Fact]
    public async Task Vault_config_changed_on_another_node_is_used_by_the_next_login_after_invalidation()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.LoginAsync(_plugin.Launch("i-0aaaaaaaaaaaaaaa1").Pkcs7);

        await WriteOnAnotherNodeAsync("config/vault", new JsonObject { ["namespace"] = "team-b" });
        await _plugin.LoginAsync(_plugin.Launch("i-0bbbbbbbbbbbbbbb2").Pkcs7);

        Assert.Equal("team-b", _plugin.Vault.Connections[^1].Namespace);
    }

    [Fact]
    public async Task Client_config_changed_on_another_node_is_used_by_the_next_login_after_invalidation()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.WriteAsync("config/client", new JsonObject { ["region"] = "eu-central-1" });
        await _plugin.LoginAsync(_plugin.Launch("i-0aaaaaaaaaaaaaaa1").Pkcs7);

        await WriteOnAnotherNodeAsync("config/client", new JsonObject { ["region"] = "eu-west-1" });
        await _plugin.LoginAsync(_plugin.Launch("i-0bbbbbbbbbbbbbbb2").Pkcs7);

        Assert.Equal("eu-west-1", _plugin.Describer.LastSettings!.Region);
    }
}
