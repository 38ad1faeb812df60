using System.Text.Json.Nodes;
using static VaultEc2Auth.Tests.Ec2AuthHarness;
using static VaultEc2Auth.Tests.GceHarness;

namespace VaultEc2Auth.Tests.Roles;

/// <summary>A GCE role binds service accounts, and one provider's bounds are never accepted on the other's role.</summary>
public sealed class GceRoleBindingsTests
{
    private readonly Ec2AuthHarness _plugin = new();

    private static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(item => item!.GetValue<string>())];

    [Fact]
    public async Task Gce_role_reads_back_its_bindings_and_no_iam_role_arn()
    {
        await _plugin.WriteAsync("roles/web", new JsonObject
        {
            ["bound_service_accounts"] = ServiceAccount,
            ["bound_projects"] = Project,
            ["bound_zones"] = "europe-west1-b,europe-west1-c",
            ["bound_labels"] = "team:payments,env:prod",
            ["base_path"] = BasePath,
        });

        var data = (await _plugin.ReadAsync("roles/web"))!.Data!;

        Assert.Equal([ServiceAccount], Strings(data["bound_service_accounts"]));
        Assert.Equal([Project], Strings(data["bound_projects"]));
        Assert.Equal(["europe-west1-b", "europe-west1-c"], Strings(data["bound_zones"]));
        Assert.Equal(["env:prod", "team:payments"], Strings(data["bound_labels"]));
        Assert.Equal("", data["iam_role_arn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Role_with_both_iam_role_arn_and_bound_service_accounts_is_rejected()
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("roles/web", new JsonObject
        {
            ["iam_role_arn"] = WebRoleArn,
            ["bound_service_accounts"] = ServiceAccount,
            ["base_path"] = BasePath,
        }));

        Assert.Contains("not both", refusal.Message);
        Assert.Null(await _plugin.ReadAsync("roles/web"));
    }

    [Theory]
    [InlineData("bound_account_id", "123456789012")]
    [InlineData("bound_vpc_id", "vpc-0a1b2c3d")]
    [InlineData("bound_subnet_id", "subnet-0a1b2c3d")]
    [InlineData("bound_ami_id", "ami-0abcdef1234567890")]
    public async Task Gce_role_with_an_ec2_only_bound_is_rejected_naming_it(string field, string value)
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("roles/web", new JsonObject
        {
            ["bound_service_accounts"] = ServiceAccount,
            [field] = value,
            ["base_path"] = BasePath,
        }));

        Assert.Contains(field, refusal.Message);
    }

    [Theory]
    [InlineData("bound_projects", Project)]
    [InlineData("bound_zones", Zone)]
    [InlineData("bound_labels", "team:payments")]
    public async Task Ec2_role_with_a_gce_bound_is_rejected(string field, string value)
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.CreateRoleAsync("web", new JsonObject { [field] = value }));

        Assert.Contains(field, refusal.Message);
    }

    [Theory]
    [InlineData("team")]
    [InlineData(":payments")]
    [InlineData("team:a,team:b")]
    public async Task Malformed_bound_labels_are_rejected(string labels)
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("roles/web", new JsonObject
        {
            ["bound_service_accounts"] = ServiceAccount,
            ["bound_labels"] = labels,
            ["base_path"] = BasePath,
        }));

        Assert.Contains("bound_labels", refusal.Message);
    }

    [Fact]
    public async Task Role_with_neither_binding_is_rejected_naming_both()
    {
        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.WriteAsync("roles/web", new JsonObject { ["base_path"] = BasePath }));

        Assert.Contains("iam_role_arn", refusal.Message);
        Assert.Contains("bound_service_accounts", refusal.Message);
    }
}
