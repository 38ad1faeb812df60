using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Roles;

/// <summary><c>roles/&lt;name&gt;</c> and <c>roles/</c> as an operator uses them.</summary>
public sealed class RolePathsTests
{
    private readonly Ec2AuthHarness _plugin = new();

    private static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(item => item!.GetValue<string>())];

    private async Task<JsonObject> ReadRoleAsync(string name = "web") => (await _plugin.ReadAsync($"roles/{name}"))!.Data!;

    [Fact]
    public async Task Role_create_without_iam_role_arn_is_rejected()
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("roles/web", new JsonObject { ["base_path"] = BasePath }));

        Assert.Contains("iam_role_arn", refusal.Message, StringComparison.Ordinal);
        Assert.Null(await _plugin.ReadAsync("roles/web"));
    }

    [Fact]
    public async Task Role_create_without_base_path_is_rejected()
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("roles/web", new JsonObject { ["iam_role_arn"] = WebRoleArn }));

        Assert.Contains("base_path", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/pki/roles")]
    [InlineData("pki/roles/")]
    [InlineData("pki//roles")]
    [InlineData("pki/../sys/policies")]
    [InlineData("..")]
    [InlineData("pki/./roles")]
    [InlineData("sys/policies/acl")]
    [InlineData("auth/token/create")]
    [InlineData("identity/entity")]
    [InlineData("cubbyhole/x")]
    [InlineData("pki/ro les")]
    [InlineData("pki/%2e%2e")]
    [InlineData("pki/roles\n")]
    [InlineData("pki\n/roles")]
    public async Task Base_path_that_could_leave_its_place_or_reach_system_paths_is_rejected(string basePath)
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.CreateRoleAsync(fields: new JsonObject { ["base_path"] = basePath }));

        Assert.Contains("base_path", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pki")]
    [InlineData("pki/roles")]
    [InlineData("pki-int/roles")]
    [InlineData("secret/data/ec2.instances")]
    public async Task Base_path_of_safe_segments_is_stored_as_given(string basePath)
    {
        await _plugin.CreateRoleAsync(fields: new JsonObject { ["base_path"] = basePath });

        Assert.Equal(basePath, (await ReadRoleAsync())["base_path"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/web-server")]
    [InlineData("arn:aws:iam::123456789012:role/app/web-server")]
    [InlineData("arn:aws:iam::123456789012:role/web-*")]
    [InlineData("arn:aws:iam::123456789012:role/*")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/web")]
    [InlineData("arn:aws-cn:iam::123456789012:role/web")]
    public async Task Iam_role_arn_is_an_exact_arn_or_a_prefix_ending_in_star(string arn)
    {
        await _plugin.CreateRoleAsync(fields: new JsonObject { ["iam_role_arn"] = arn });

        Assert.Equal(arn, (await ReadRoleAsync())["iam_role_arn"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("web-server")]
    [InlineData("arn:aws:iam::123456789012:user/alice")]
    [InlineData("arn:aws:iam::12345:role/web")]
    [InlineData("arn:aws:iam::123456789012:role/we*b")]
    [InlineData("arn:aws:iam::123456789012:instance-profile/web")]
    [InlineData("*")]
    [InlineData("arn:aws:iam::123456789012:role/web\n")]
    [InlineData("arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:role/web")]
    [InlineData("arn:aws:iam::123456789012:role/wéb")]
    public async Task Iam_role_arn_that_is_not_a_role_arn_is_rejected(string arn)
    {
        await RequestAssert.BadRequestAsync(() => _plugin.CreateRoleAsync(fields: new JsonObject { ["iam_role_arn"] = arn }));
    }

    [Fact]
    public async Task Bounds_given_as_a_comma_separated_string_read_back_as_lists()
    {
        await _plugin.CreateRoleAsync(fields: new JsonObject
        {
            ["bound_account_id"] = "123456789012, 210987654321",
            ["bound_region"] = "eu-central-1,eu-west-1",
            ["bound_vpc_id"] = "vpc-0a1b2c3d",
            ["bound_subnet_id"] = "subnet-1,subnet-2",
            ["bound_ami_id"] = "ami-0abcdef1234567890",
        });

        var role = await ReadRoleAsync();
        Assert.Equal(["123456789012", "210987654321"], Strings(role["bound_account_id"]));
        Assert.Equal(["eu-central-1", "eu-west-1"], Strings(role["bound_region"]));
        Assert.Equal(["vpc-0a1b2c3d"], Strings(role["bound_vpc_id"]));
        Assert.Equal(["subnet-1", "subnet-2"], Strings(role["bound_subnet_id"]));
        Assert.Equal(["ami-0abcdef1234567890"], Strings(role["bound_ami_id"]));
    }

    [Fact]
    public async Task Bounds_given_as_a_json_list_read_back_as_the_same_list()
    {
        await _plugin.CreateRoleAsync(fields: new JsonObject { ["bound_region"] = new JsonArray("eu-central-1", "us-east-1") });

        Assert.Equal(["eu-central-1", "us-east-1"], Strings((await ReadRoleAsync())["bound_region"]));
    }

    [Fact]
    public async Task Durations_given_as_go_durations_read_back_as_integer_seconds()
    {
        await _plugin.CreateRoleAsync(fields: new JsonObject
        {
            ["token_ttl"] = "1h",
            ["token_max_ttl"] = "2h30m",
            ["token_explicit_max_ttl"] = "1d",
            ["token_period"] = 90,
        });

        var role = await ReadRoleAsync();
        Assert.Equal(3600, role["token_ttl"]!.GetValue<long>());
        Assert.Equal(9000, role["token_max_ttl"]!.GetValue<long>());
        Assert.Equal(86400, role["token_explicit_max_ttl"]!.GetValue<long>());
        Assert.Equal(90, role["token_period"]!.GetValue<long>());
    }

    [Fact]
    public async Task Token_fields_read_back_with_vaults_names_and_defaults()
    {
        await _plugin.CreateRoleAsync(fields: new JsonObject
        {
            ["token_policies"] = "pki-reader, Metrics",
            ["token_bound_cidrs"] = "10.0.0.0/16",
            ["token_no_default_policy"] = true,
            ["token_num_uses"] = 5,
            ["token_type"] = "service",
        });

        var role = await ReadRoleAsync();
        Assert.Equal(["pki-reader", "metrics"], Strings(role["token_policies"]));
        Assert.Equal(["10.0.0.0/16"], Strings(role["token_bound_cidrs"]));
        Assert.True(role["token_no_default_policy"]!.GetValue<bool>());
        Assert.Equal(5, role["token_num_uses"]!.GetValue<long>());
        Assert.Equal("service", role["token_type"]!.GetValue<string>());
        Assert.False(role["allow_instance_migration"]!.GetValue<bool>());
        Assert.False(role["disallow_reauthentication"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Token_ttl_greater_than_token_max_ttl_is_rejected()
    {
        await RequestAssert.BadRequestAsync(() => _plugin.CreateRoleAsync(fields: new JsonObject { ["token_ttl"] = "2h", ["token_max_ttl"] = "1h" }));
    }

    [Fact]
    public async Task Token_policies_holding_root_are_rejected()
    {
        await RequestAssert.BadRequestAsync(() => _plugin.CreateRoleAsync(fields: new JsonObject { ["token_policies"] = "reader,root" }));
    }

    [Fact]
    public async Task Token_bound_cidrs_that_are_not_addresses_are_rejected()
    {
        await RequestAssert.BadRequestAsync(() => _plugin.CreateRoleAsync(fields: new JsonObject { ["token_bound_cidrs"] = "10.0.0.0/16,not-a-network" }));
    }

    [Fact]
    public async Task Allow_instance_migration_together_with_disallow_reauthentication_is_rejected()
    {
        await RequestAssert.BadRequestAsync(() => _plugin.CreateRoleAsync(fields: new JsonObject
        {
            ["allow_instance_migration"] = true,
            ["disallow_reauthentication"] = true,
        }));
    }

    [Fact]
    public async Task Role_update_changes_the_given_fields_and_keeps_the_others()
    {
        await _plugin.CreateRoleAsync(fields: new JsonObject { ["bound_region"] = "eu-central-1", ["token_ttl"] = "1h", ["token_policies"] = "reader" });

        await _plugin.SendAsync(Operations.Update, "roles/web", new JsonObject { ["token_ttl"] = "30m" });

        var role = await ReadRoleAsync();
        Assert.Equal(1800, role["token_ttl"]!.GetValue<long>());
        Assert.Equal(WebRoleArn, role["iam_role_arn"]!.GetValue<string>());
        Assert.Equal(BasePath, role["base_path"]!.GetValue<string>());
        Assert.Equal(["eu-central-1"], Strings(role["bound_region"]));
        Assert.Equal(["reader"], Strings(role["token_policies"]));
    }

    [Fact]
    public async Task Role_list_names_every_role()
    {
        await _plugin.CreateRoleAsync("web");
        await _plugin.CreateRoleAsync("db");

        Assert.Equal(["db", "web"], await _plugin.ListKeysAsync("roles/"));
    }

    [Fact]
    public async Task Reading_a_missing_role_answers_nothing()
    {
        Assert.Null(await _plugin.ReadAsync("roles/missing"));
    }

    [Fact]
    public async Task Role_delete_removes_the_role_and_its_templates()
    {
        await _plugin.SetUpPkiRoleAsync();

        await _plugin.DeleteAsync("roles/web");

        Assert.Null(await _plugin.ReadAsync("roles/web"));
        Assert.Empty(await _plugin.ListKeysAsync("roles/"));
        Assert.Empty(await _plugin.ListKeysAsync("templates/web/"));
        Assert.DoesNotContain(_plugin.Storage.Keys, key => key.StartsWith("templates/web/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Role_delete_leaves_other_roles_templates_alone()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.CreateRoleAsync("web2");
        await _plugin.AddPkiTemplatesAsync("web2");

        await _plugin.DeleteAsync("roles/web");

        Assert.Equal(["issue", "pki-role"], await _plugin.ListKeysAsync("templates/web2/"));
    }

    [Theory]
    [InlineData(Operations.List, "roles/web")]
    [InlineData(Operations.Delete, "roles/")]
    [InlineData(Operations.Read, "roles/")]
    public async Task Operation_a_path_does_not_support_is_405(string operation, string path)
    {
        await RequestAssert.FailsAsync(RequestErrorKind.UnsupportedOperation, () => _plugin.SendAsync(operation, path));
    }

    [Theory]
    [InlineData("role/web")]
    [InlineData("roles/web/extra/segments")]
    [InlineData("roles/../config/vault")]
    public async Task Unknown_path_is_404(string path)
    {
        await RequestAssert.FailsAsync(RequestErrorKind.UnsupportedPath, () => _plugin.SendAsync(Operations.Read, path));
    }

    [Fact]
    public async Task Unknown_field_is_ignored_with_a_warning()
    {
        var response = await _plugin.CreateRoleAsync(fields: new JsonObject { ["bound_iam_role_arn"] = "arn:aws:iam::123456789012:role/x" });

        Assert.Contains(response!.Warnings, warning => warning.Contains("bound_iam_role_arn", StringComparison.Ordinal));
        Assert.NotNull(await _plugin.ReadAsync("roles/web"));
    }

    [Fact]
    public async Task Field_of_the_wrong_type_is_rejected_naming_it()
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.CreateRoleAsync(fields: new JsonObject { ["token_ttl"] = "an hour" }));

        Assert.Contains("token_ttl", refusal.Message, StringComparison.Ordinal);
    }
}
