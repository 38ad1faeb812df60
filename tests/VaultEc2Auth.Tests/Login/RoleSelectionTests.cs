using System.Text.Json.Nodes;
using VaultEc2Auth.Instances;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Login;

/// <summary>Which instances may log in, and with which role: state, IAM role ARN and bounds.</summary>
public sealed class RoleSelectionTests
{
    private readonly Ec2AuthHarness _plugin = new();

    private async Task AssertNothingHappenedAsync(LaunchedInstance instance)
    {
        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Empty(_plugin.Vault.Policies);
        Assert.Empty(_plugin.Vault.Objects);
        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
    }

    [Theory]
    [InlineData(InstanceState.Stopped)]
    [InlineData(InstanceState.Terminated)]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Stopping)]
    [InlineData(InstanceState.ShuttingDown)]
    public async Task Instance_that_is_not_running_is_denied_and_nothing_is_written(InstanceState state)
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Describer.SetState(instance.InstanceId, state);

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        await AssertNothingHappenedAsync(instance);
    }

    [Fact]
    public async Task Instance_ec2_does_not_know_is_denied_and_nothing_is_written()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Describer.Remove(instance.InstanceId);

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        await AssertNothingHappenedAsync(instance);
    }

    [Fact]
    public async Task Document_that_does_not_verify_is_rejected_before_ec2_is_asked()
    {
        await _plugin.SetUpPkiRoleAsync();

        await RequestAssert.BadRequestAsync(() => _plugin.LoginAsync("MIAGCSqGSIb3DQEHAqCAMIACAQExCzAJ.forged"));

        Assert.Equal(0, _plugin.Describer.Calls);
        Assert.Equal(0, _plugin.Vault.Writes);
    }

    [Fact]
    public async Task Instance_without_an_iam_role_is_denied()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Describer.Change(instance.InstanceId, facts => facts with { IamRoleArn = null, IamInstanceProfileArn = null });

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        await AssertNothingHappenedAsync(instance);
    }

    [Fact]
    public async Task Instance_whose_iam_role_no_role_is_bound_to_is_denied()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch(iamRoleArn: "arn:aws:iam::123456789012:role/db-server");

        var refusal = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        Assert.Contains("no role", refusal.Message, StringComparison.Ordinal);
        await AssertNothingHappenedAsync(instance);
    }

    [Fact]
    public async Task Role_with_an_arn_prefix_matches_every_role_under_it()
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject { ["iam_role_arn"] = "arn:aws:iam::123456789012:role/web-*" });

        var auth = await _plugin.LoginAsync(_plugin.Launch(iamRoleArn: "arn:aws:iam::123456789012:role/web-blue").Pkcs7);

        Assert.Equal("web", auth.Metadata["role"]);
    }

    [Fact]
    public async Task Role_with_an_arn_prefix_does_not_match_roles_outside_it()
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject { ["iam_role_arn"] = "arn:aws:iam::123456789012:role/web-*" });

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(_plugin.Launch(iamRoleArn: "arn:aws:iam::123456789012:role/webadmin").Pkcs7));
    }

    [Fact]
    public async Task Exact_arn_does_not_match_a_longer_arn()
    {
        await _plugin.SetUpPkiRoleAsync();

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(_plugin.Launch(iamRoleArn: WebRoleArn + "-admin").Pkcs7));
    }

    [Theory]
    [InlineData("bound_account_id", "210987654321")]
    [InlineData("bound_region", "us-east-1")]
    [InlineData("bound_vpc_id", "vpc-99999999")]
    [InlineData("bound_subnet_id", "subnet-99999999")]
    [InlineData("bound_ami_id", "ami-09999999999999999")]
    public async Task Bound_the_instance_does_not_match_denies_it_and_nothing_is_written(string bound, string value)
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject { [bound] = value });
        var instance = _plugin.Launch();

        var refusal = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        Assert.Contains(bound, refusal.Message, StringComparison.Ordinal);
        await AssertNothingHappenedAsync(instance);
    }

    [Fact]
    public async Task Bound_lists_match_when_any_value_matches()
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject
        {
            ["bound_account_id"] = "210987654321,123456789012",
            ["bound_region"] = "us-east-1,eu-central-1",
            ["bound_vpc_id"] = "vpc-0a1b2c3d",
            ["bound_subnet_id"] = "subnet-1,subnet-0a1b2c3d",
            ["bound_ami_id"] = "ami-0abcdef1234567890",
        });

        var auth = await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Equal("web", auth.Metadata["role"]);
    }

    [Fact]
    public async Task Vpc_bound_denies_an_instance_outside_any_vpc()
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject { ["bound_vpc_id"] = "vpc-0a1b2c3d" });

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(_plugin.Launch(vpcId: null).Pkcs7));
    }

    [Fact]
    public async Task Several_matching_roles_are_rejected_naming_them()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.CreateRoleAsync("web-canary");
        await _plugin.AddPkiTemplatesAsync("web-canary");
        var instance = _plugin.Launch();

        var refusal = await RequestAssert.BadRequestAsync(() => _plugin.LoginAsync(instance.Pkcs7));

        Assert.Contains("web, web-canary", refusal.Message, StringComparison.Ordinal);
        await AssertNothingHappenedAsync(instance);
    }

    [Fact]
    public async Task Several_matching_roles_are_resolved_by_naming_one()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.CreateRoleAsync("web-canary");
        await _plugin.AddPkiTemplatesAsync("web-canary");

        var auth = await _plugin.LoginAsync(_plugin.Launch().Pkcs7, role: "web-canary");

        Assert.Equal("web-canary", auth.Metadata["role"]);
    }

    [Fact]
    public async Task Role_whose_bounds_exclude_the_instance_does_not_count_as_a_match()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.CreateRoleAsync("web-us", new JsonObject { ["bound_region"] = "us-east-1" });

        var auth = await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Equal("web", auth.Metadata["role"]);
    }

    [Fact]
    public async Task Requested_role_the_instance_does_not_match_is_denied()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.CreateRoleAsync("db", new JsonObject { ["iam_role_arn"] = "arn:aws:iam::123456789012:role/db-server" });
        var instance = _plugin.Launch();

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, role: "db"));

        await AssertNothingHappenedAsync(instance);
    }

    [Fact]
    public async Task Requested_role_whose_bounds_exclude_the_instance_is_denied()
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject { ["bound_region"] = "us-east-1" });

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(_plugin.Launch().Pkcs7, role: "web"));
    }

    [Fact]
    public async Task Requested_role_that_does_not_exist_is_denied()
    {
        await _plugin.SetUpPkiRoleAsync();

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(_plugin.Launch().Pkcs7, role: "nope"));
    }

    [Fact]
    public async Task Token_bound_cidrs_refuse_logins_from_other_addresses()
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject { ["token_bound_cidrs"] = "10.0.0.0/16,192.168.1.7" });
        var instance = _plugin.Launch();

        await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, remoteAddress: "10.1.0.5"));

        await AssertNothingHappenedAsync(instance);
    }

    [Fact]
    public async Task Token_bound_cidrs_refuse_logins_without_a_remote_address()
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject { ["token_bound_cidrs"] = "10.0.0.0/16" });
        var instance = _plugin.Launch();

        var error = await RequestAssert.DeniedAsync(() => _plugin.LoginAsync(instance.Pkcs7, remoteAddress: null));

        Assert.Contains("without a remote address", error.Message, StringComparison.Ordinal);
        await AssertNothingHappenedAsync(instance);
    }

    [Theory]
    [InlineData("10.0.1.23")]
    [InlineData("192.168.1.7")]
    public async Task Token_bound_cidrs_accept_logins_from_inside_them(string address)
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject { ["token_bound_cidrs"] = "10.0.0.0/16,192.168.1.7" });

        var auth = await _plugin.LoginAsync(_plugin.Launch().Pkcs7, remoteAddress: address);

        Assert.Equal(["10.0.0.0/16", "192.168.1.7"], auth.BoundCidrs);
    }
}
