using System.Text.Json.Nodes;
using VaultEc2Auth.Instances;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.GceHarness;

namespace VaultEc2Auth.Tests.Login;

/// <summary>A gce mount: instances log in with Google's identity token through the same flow as EC2's.</summary>
public sealed class GceLoginTests
{
    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task First_gce_login_writes_the_instances_own_policy_and_a_pki_role_for_its_hostname()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();

        var auth = await _plugin.LoginGceAsync(instance.Jwt);

        Assert.Contains(instance.PolicyName, auth.Policies);
        Assert.Contains($"pki/issue/ec2-{instance.Hash}", _plugin.Vault.PolicyText(instance.PolicyName));
        var pkiRole = _plugin.Vault.Object(instance.PkiRolePath)!;
        Assert.Equal("web-1.europe-west1-b.c.fleet-prod-123.internal", pkiRole["allowed_domains"]![0]!.GetValue<string>());
        Assert.Equal(Project, auth.Metadata["project_id"]);
        Assert.Equal(Zone, auth.Metadata["zone"]);
        Assert.Equal("web-1", auth.Metadata["instance_name"]);
        Assert.Equal(ServiceAccount, auth.Metadata["service_account_email"]);
        Assert.False(auth.Metadata.ContainsKey("nonce"));
    }

    [Fact]
    public async Task Second_gce_login_with_a_newer_token_writes_nothing()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();
        await _plugin.LoginGceAsync(instance.Jwt);
        var writes = _plugin.Vault.Writes;
        _plugin.Clock.Advance(TimeSpan.FromMinutes(5));

        await _plugin.LoginGceAsync(_plugin.TokenIssuedAt(instance, Ec2AuthHarness.Start.AddMinutes(5)));

        Assert.Equal(writes, _plugin.Vault.Writes);
    }

    [Fact]
    public async Task Gce_token_issued_before_the_last_logins_is_refused_as_a_replay()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();
        var older = _plugin.TokenIssuedAt(instance, Ec2AuthHarness.Start.AddMinutes(-10));
        await _plugin.LoginGceAsync(instance.Jwt);

        var refused = await RequestAssert.DeniedAsync(() => _plugin.SendGceLoginAsync(older));

        Assert.Contains("issued before", refused.Message);
        Assert.Equal(Ec2AuthHarness.Start, (await _plugin.AccessListEntryAsync(instance.InstanceId))!.PendingTime);
    }

    [Fact]
    public async Task Gce_access_list_entry_records_the_tokens_iat_and_no_nonce()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();

        await _plugin.LoginGceAsync(instance.Jwt);

        var entry = (await _plugin.AccessListEntryAsync(instance.InstanceId))!;
        Assert.Equal(Ec2AuthHarness.Start, entry.PendingTime);
        Assert.Null(entry.NonceHash);
        Assert.False(entry.DisallowReauthentication);
    }

    [Fact]
    public async Task Gce_role_with_disallow_reauthentication_allows_one_login()
    {
        await _plugin.SetUpGcePkiRoleAsync(new JsonObject { ["disallow_reauthentication"] = true });
        var instance = _plugin.LaunchGce();
        await _plugin.LoginGceAsync(instance.Jwt);

        await RequestAssert.DeniedAsync(() => _plugin.SendGceLoginAsync(_plugin.TokenIssuedAt(instance, Ec2AuthHarness.Start.AddMinutes(1))));
    }

    [Fact]
    public async Task Nonce_with_a_jwt_is_a_bad_request()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();

        var refused = await RequestAssert.BadRequestAsync(() => _plugin.SendAsync(Operations.Update, "login", new JsonObject { ["jwt"] = instance.Jwt, ["nonce"] = "n" }));

        Assert.Contains("nonce", refused.Message);
    }

    [Fact]
    public async Task Jwt_together_with_pkcs7_is_a_bad_request()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();

        await RequestAssert.BadRequestAsync(() => _plugin.SendAsync(Operations.Update, "login", new JsonObject { ["jwt"] = instance.Jwt, ["pkcs7"] = "MIIB" }));
    }

    [Fact]
    public async Task Ec2_document_on_a_gce_mount_is_a_bad_request_before_any_signature_check()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var ec2 = _plugin.Launch();

        var refused = await RequestAssert.BadRequestAsync(() => _plugin.LoginAsync(ec2.Pkcs7));

        Assert.Contains("cloud_provider is gce", refused.Message);
        Assert.Equal(0, _plugin.Verifier.Calls);
    }

    [Fact]
    public async Task Jwt_on_an_aws_mount_is_a_bad_request_before_any_signature_check()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.LaunchGce();

        var refused = await RequestAssert.BadRequestAsync(() => _plugin.SendGceLoginAsync(instance.Jwt));

        Assert.Contains("cloud_provider is aws", refused.Message);
        Assert.Equal(0, _plugin.GceVerifier.Calls);
    }

    [Fact]
    public async Task Gce_token_for_another_audience_is_a_bad_request_and_nothing_is_written()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();
        await _plugin.WriteAsync("config/client", new JsonObject { ["gce_audience"] = "https://other.example/v1/auth/gce" });

        await RequestAssert.BadRequestAsync(() => _plugin.SendGceLoginAsync(instance.Jwt));

        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Deleted_gce_instance_is_denied_and_nothing_is_written()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();
        _plugin.GceDescriber.Remove(instance.InstanceId);

        await RequestAssert.DeniedAsync(() => _plugin.SendGceLoginAsync(instance.Jwt));

        Assert.Equal(0, _plugin.Vault.Writes);
        Assert.Null(await _plugin.AccessListEntryAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Stopped_gce_instance_is_denied()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();
        _plugin.GceDescriber.SetState(instance.InstanceId, InstanceState.Stopped);

        await RequestAssert.DeniedAsync(() => _plugin.SendGceLoginAsync(instance.Jwt));
    }

    [Fact]
    public async Task Gce_instance_running_as_an_unbound_service_account_is_denied()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce(serviceAccount: "batch@fleet-prod-123.iam.gserviceaccount.com");

        var refused = await RequestAssert.DeniedAsync(() => _plugin.SendGceLoginAsync(instance.Jwt));

        Assert.Contains("service accounts", refused.Message);
    }

    [Theory]
    [InlineData("bound_projects", "other-project-1", "bound_projects")]
    [InlineData("bound_zones", "us-central1-a", "bound_zones")]
    [InlineData("bound_labels", "team:search", "bound_labels")]
    [InlineData("bound_region", "us-central1", "bound_region")]
    public async Task Gce_instance_outside_a_bound_is_denied_naming_it(string field, string value, string named)
    {
        await _plugin.SetUpGcePkiRoleAsync(new JsonObject { [field] = value });
        var instance = _plugin.LaunchGce();

        var refused = await RequestAssert.DeniedAsync(() => _plugin.SendGceLoginAsync(instance.Jwt));

        Assert.Contains(named, refused.Message);
    }

    [Fact]
    public async Task Gce_instance_inside_every_bound_logs_in()
    {
        await _plugin.SetUpGcePkiRoleAsync(new JsonObject
        {
            ["bound_projects"] = Project,
            ["bound_zones"] = Zone,
            ["bound_labels"] = "team:payments",
            ["bound_region"] = "europe-west1",
        });
        var instance = _plugin.LaunchGce();

        await _plugin.LoginGceAsync(instance.Jwt);
    }

    [Fact]
    public async Task Ec2_role_never_admits_a_gce_instance()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        await _plugin.CreateRoleAsync("ec2-web");
        var instance = _plugin.LaunchGce();

        await RequestAssert.DeniedAsync(() => _plugin.SendGceLoginAsync(instance.Jwt, role: "ec2-web"));
        await _plugin.LoginGceAsync(instance.Jwt);
    }

    [Fact]
    public async Task Renewal_of_a_gce_token_checks_the_instance_again_and_refuses_a_deleted_one()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        var instance = _plugin.LaunchGce();
        var auth = await _plugin.LoginGceAsync(instance.Jwt);

        await _plugin.RenewAsync(auth);
        _plugin.GceDescriber.Remove(instance.InstanceId);

        await RequestAssert.DeniedAsync(() => _plugin.RenewAsync(auth));
    }

    [Fact]
    public async Task Gce_mount_in_a_build_without_the_gce_adapter_refuses_logins()
    {
        var plugin = new Ec2AuthHarness(gceProvider: false);
        await plugin.SetUpGcePkiRoleAsync();
        var instance = plugin.LaunchGce();

        var refused = await RequestAssert.BadRequestAsync(() => plugin.SendGceLoginAsync(instance.Jwt));

        Assert.Contains("not supported by this build", refused.Message);
    }

    [Fact]
    public async Task Gce_instance_of_another_project_than_gce_project_is_denied_before_any_role_matches()
    {
        await _plugin.SetUpGcePkiRoleAsync();
        await _plugin.WriteAsync("config/client", new JsonObject { ["gce_project"] = "other-project-9" });
        var instance = _plugin.LaunchGce();

        var refused = await RequestAssert.DeniedAsync(() => _plugin.SendGceLoginAsync(instance.Jwt));

        Assert.Contains("gce_project", refused.Message);
        Assert.Equal(0, _plugin.Vault.Writes);
    }

    [Fact]
    public async Task Jwt_field_is_sensitive_like_the_nonce()
    {
        var login = _plugin.Definition.Paths.Single(path => path.Pattern.Template == "login");

        Assert.True(login.Fields["jwt"].Sensitive);
    }
}
