using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Tests.Ec2AuthHarness;

namespace VaultEc2Auth.Tests.Login;

/// <summary>An instance's first login: its own policy and PKI role in Vault, and a token carrying that policy.</summary>
public sealed class FirstLoginTests
{
    private readonly Ec2AuthHarness _plugin = new();

    [Fact]
    public async Task Token_policies_are_the_generated_policy_names_and_the_roles_token_policies()
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject { ["token_policies"] = "pki-ca-reader,metrics" });
        var instance = _plugin.Launch();

        var auth = await _plugin.LoginAsync(instance.Pkcs7);

        Assert.Equal([instance.PolicyName(), "pki-ca-reader", "metrics"], auth.Policies);
    }

    [Fact]
    public async Task Every_policy_template_of_the_role_adds_its_policy_to_the_token()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.AddTemplateAsync("web", "read-own-secrets", "policy", "secrets-{{ InstanceHash }}", """
            path "secret/data/instances/{{ InstanceId }}/*" {
              capabilities = ["read"]
            }
            """);
        var instance = _plugin.Launch();

        var auth = await _plugin.LoginAsync(instance.Pkcs7);

        Assert.Equal([instance.PolicyName(), $"{DefaultPolicyPrefix}secrets-{instance.Hash}"], auth.Policies.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Alias_and_display_name_are_the_instance_id()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        var auth = await _plugin.LoginAsync(instance.Pkcs7);

        Assert.Equal(instance.InstanceId, auth.AliasName);
        Assert.Equal(instance.InstanceId, auth.DisplayName);
    }

    [Fact]
    public async Task Metadata_names_the_instance_its_account_region_role_arn_fqdn_and_ami()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        var auth = await _plugin.LoginAsync(instance.Pkcs7, nonce: "client-chosen-nonce");

        Assert.Equal(new Dictionary<string, string>
        {
            ["instance_id"] = instance.InstanceId,
            ["account_id"] = AccountId,
            ["region"] = Region,
            ["role"] = "web",
            ["iam_role_arn"] = WebRoleArn,
            ["fqdn"] = instance.Facts.PrivateDnsName!,
            ["ami_id"] = instance.Facts.ImageId,
        }, auth.Metadata);
    }

    [Fact]
    public async Task Login_without_nonce_returns_a_generated_nonce_in_the_metadata()
    {
        await _plugin.SetUpPkiRoleAsync();

        var auth = await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Matches("^[0-9a-f]{32}$", auth.Metadata["nonce"]);
    }

    [Fact]
    public async Task Generated_nonces_differ_between_instances()
    {
        await _plugin.SetUpPkiRoleAsync();

        var first = await _plugin.LoginAsync(_plugin.Launch("i-0aaaaaaaaaaaaaaa1").Pkcs7);
        var second = await _plugin.LoginAsync(_plugin.Launch("i-0bbbbbbbbbbbbbbb2").Pkcs7);

        Assert.NotEqual(first.Metadata["nonce"], second.Metadata["nonce"]);
    }

    [Fact]
    public async Task Login_with_a_client_nonce_does_not_return_a_nonce()
    {
        await _plugin.SetUpPkiRoleAsync();

        var auth = await _plugin.LoginAsync(_plugin.Launch().Pkcs7, nonce: "client-chosen-nonce");

        Assert.False(auth.Metadata.ContainsKey("nonce"));
    }

    [Fact]
    public async Task Token_lifetimes_and_limits_come_from_the_role()
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject
        {
            ["token_ttl"] = "1h",
            ["token_max_ttl"] = "4h",
            ["token_explicit_max_ttl"] = "8h",
            ["token_num_uses"] = 10,
            ["token_bound_cidrs"] = "10.0.0.0/16",
            ["token_no_default_policy"] = true,
            ["token_type"] = "service",
        });

        var auth = await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Equal(TimeSpan.FromHours(1), auth.Ttl);
        Assert.Equal(TimeSpan.FromHours(4), auth.MaxTtl);
        Assert.Equal(TimeSpan.FromHours(8), auth.ExplicitMaxTtl);
        Assert.Equal(10, auth.NumUses);
        Assert.Equal(["10.0.0.0/16"], auth.BoundCidrs);
        Assert.True(auth.NoDefaultPolicy);
        Assert.Equal(TokenType.Service, auth.TokenType);
        Assert.True(auth.Renewable);
    }

    [Fact]
    public async Task Periodic_role_issues_periodic_tokens()
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject { ["token_period"] = "24h" });

        var auth = await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Equal(TimeSpan.FromHours(24), auth.Period);
    }

    [Fact]
    public async Task Batch_tokens_are_not_renewable()
    {
        await _plugin.SetUpPkiRoleAsync(new JsonObject { ["token_type"] = "batch" });

        var auth = await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Equal(TokenType.Batch, auth.TokenType);
        Assert.False(auth.Renewable);
    }

    [Fact]
    public async Task Vault_holds_the_instances_policy_after_login()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await _plugin.LoginAsync(instance.Pkcs7);

        Assert.Equal($"path \"pki/issue/ec2-{instance.Hash}\" {{\n  capabilities = [\"update\"]\n}}",
            _plugin.Vault.PolicyText(instance.PolicyName())!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Vault_holds_a_pki_role_allowing_only_the_instances_fqdn_after_login()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await _plugin.LoginAsync(instance.Pkcs7);

        var pkiRole = _plugin.Vault.Object(instance.PkiRolePath)!;
        Assert.Equal([instance.Facts.PrivateDnsName], pkiRole["allowed_domains"]!.AsArray().Select(domain => domain!.GetValue<string>()));
        Assert.False(pkiRole["allow_subdomains"]!.GetValue<bool>());
        Assert.False(pkiRole["allow_any_name"]!.GetValue<bool>());
    }

    [Fact]
    public async Task First_login_writes_exactly_the_rendered_policy_and_object()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await _plugin.LoginAsync(instance.Pkcs7);

        Assert.Equal(2, _plugin.Vault.Writes);
        Assert.Equal([instance.PolicyName()], _plugin.Vault.Policies.Keys);
        Assert.Equal([instance.PkiRolePath], _plugin.Vault.Objects.Keys);
    }

    [Fact]
    public async Task Two_instances_each_get_their_own_policy_and_pki_role()
    {
        await _plugin.SetUpPkiRoleAsync();
        var first = _plugin.Launch("i-0aaaaaaaaaaaaaaa1");
        var second = _plugin.Launch("i-0bbbbbbbbbbbbbbb2");

        var firstAuth = await _plugin.LoginAsync(first.Pkcs7);
        var secondAuth = await _plugin.LoginAsync(second.Pkcs7);

        Assert.NotEqual(first.PolicyName(), second.PolicyName());
        Assert.Equal([first.PolicyName()], firstAuth.Policies);
        Assert.Equal([second.PolicyName()], secondAuth.Policies);
        Assert.Equal(2, _plugin.Vault.Policies.Count);
        Assert.Equal(2, _plugin.Vault.Objects.Count);
        Assert.Equal([second.Facts.PrivateDnsName], _plugin.Vault.Object(second.PkiRolePath)!["allowed_domains"]!.AsArray().Select(domain => domain!.GetValue<string>()));
    }

    [Fact]
    public async Task Generated_policies_use_the_configured_policy_prefix()
    {
        await _plugin.ConfigureVaultAsync(policyPrefix: "fleet-");
        await _plugin.CreateRoleAsync();
        await _plugin.AddPkiTemplatesAsync();
        var instance = _plugin.Launch();

        var auth = await _plugin.LoginAsync(instance.Pkcs7);

        Assert.Equal(["fleet-" + instance.Hash], auth.Policies);
        Assert.NotNull(_plugin.Vault.PolicyText("fleet-" + instance.Hash));
    }

    [Fact]
    public async Task Registry_records_what_the_login_wrote_with_no_pending_intent()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await _plugin.LoginAsync(instance.Pkcs7);

        var record = await _plugin.RegistryRecordAsync(instance.InstanceId);
        Assert.NotNull(record);
        Assert.Null(record.Pending);
        Assert.Equal("web", record.Role);
        Assert.Equal([instance.PolicyName()], record.Applied.Policies.Select(policy => policy.Name));
        Assert.Equal([instance.PkiRolePath], record.Applied.Objects.Select(item => item.Path));
    }

    [Fact]
    public async Task Login_is_accepted_with_identity_and_signature_instead_of_pkcs7()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        _plugin.Verifier.AddIdentity("eyJpbnN0YW5jZUlkIjoi", "c2lnbmF0dXJl", instance.Document);

        var response = await _plugin.SendAsync(Operations.Update, "login", new JsonObject { ["identity"] = "eyJpbnN0YW5jZUlkIjoi", ["signature"] = "c2lnbmF0dXJl" });

        Assert.Equal(instance.InstanceId, response!.Auth!.AliasName);
    }

    [Fact]
    public async Task Login_stores_an_access_list_entry_for_the_instance()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();

        await _plugin.LoginAsync(instance.Pkcs7);

        var entry = await _plugin.AccessListEntryAsync(instance.InstanceId);
        Assert.NotNull(entry);
        Assert.Equal("web", entry.Role);
        Assert.Equal(instance.Document.PendingTime, entry.PendingTime);
        Assert.Equal(Start, entry.CreationTime);
    }

    [Fact]
    public async Task Role_without_templates_issues_a_token_with_its_token_policies_and_writes_nothing()
    {
        await _plugin.ConfigureVaultAsync();
        await _plugin.CreateRoleAsync(fields: new JsonObject { ["token_policies"] = "fleet-reader" });

        var auth = await _plugin.LoginAsync(_plugin.Launch().Pkcs7);

        Assert.Equal(["fleet-reader"], auth.Policies);
        Assert.Equal(0, _plugin.Vault.Writes);
    }
}
