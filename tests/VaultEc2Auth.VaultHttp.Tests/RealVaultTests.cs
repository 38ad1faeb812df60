using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using VaultEc2Auth.Failures;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp.Tests;

/// <summary>The writer against the real Vault 0.10.1 in dev mode.</summary>
public sealed class RealVaultTests(RealVaultFixture fixture) : IClassFixture<RealVaultFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Policy_and_pki_role_are_written_read_back_left_alone_on_reapply_and_removed()
    {
        var vault = fixture.Require();
        await using var writer = Connect(vault, vault.RootToken);
        using var root = vault.CreateRootClient();
        var set = Sample.For("i-0real1");

        var first = await writer.ApplyAsync(RenderedSet.Empty, set, Ct);
        var policy = await ReadDataAsync(root, "sys/policies/acl/ec2-instance-i-0real1");
        var role = await ReadDataAsync(root, "pki/roles/ec2-i-0real1");
        var again = await writer.ApplyAsync(set, Sample.For("i-0real1"), Ct);
        await writer.RemoveAsync(set, Ct);

        Assert.Equal(new ApplyResult(1, 1, 0), first);
        Assert.Equal(set.Policies[0].Policy, policy!["policy"]!.GetValue<string>());
        Assert.Equal(["i-0real1.example.com"], role!["allowed_domains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.True(role["allow_bare_domains"]!.GetValue<bool>());
        Assert.False(role["allow_subdomains"]!.GetValue<bool>());
        Assert.Equal(new ApplyResult(0, 0, 0), again);
        Assert.Null(await ReadDataAsync(root, "sys/policies/acl/ec2-instance-i-0real1"));
        Assert.Null(await ReadDataAsync(root, "pki/roles/ec2-i-0real1"));
    }

    [Fact]
    public async Task Role_deleted_behind_the_writers_back_is_written_again()
    {
        var vault = fixture.Require();
        await using var writer = Connect(vault, vault.RootToken);
        using var root = vault.CreateRootClient();
        var set = Sample.For("i-0real2");
        await writer.ApplyAsync(RenderedSet.Empty, set, Ct);
        (await root.DeleteAsync("pki/roles/ec2-i-0real2", Ct)).EnsureSuccessStatusCode();

        var result = await writer.ApplyAsync(set, set, Ct);
        await writer.RemoveAsync(set, Ct);

        Assert.Equal(new ApplyResult(0, 1, 0), result);
    }

    [Fact]
    public async Task Lookup_self_reports_the_root_tokens_policies()
    {
        var vault = fixture.Require();
        await using var writer = Connect(vault, vault.RootToken);

        var info = await writer.LookupSelfAsync(Ct);

        Assert.Equal(["root"], info.Policies);
        Assert.Equal(0, info.TtlSeconds);
        Assert.False(info.Renewable);
    }

    [Fact]
    public async Task Vaults_own_error_is_passed_on_and_the_call_is_rolled_back()
    {
        var vault = fixture.Require();
        await using var writer = Connect(vault, vault.RootToken);
        using var root = vault.CreateRootClient();
        var broken = new RenderedSet([new RenderedPolicy("ec2-instance-i-0real3", "path { nonsense")], [Sample.Role("i-0real3")]);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => writer.ApplyAsync(RenderedSet.Empty, broken, Ct));

        Assert.Equal((Upstream.Vault, UpstreamProblem.Refused), (error.Upstream, error.Problem));
        Assert.Equal("Vault: refused a rendered policy", error.Message);
        Assert.Contains("failed to parse policy", error.Detail);
        Assert.DoesNotContain(vault.RootToken, error.Detail);
        Assert.Null(await ReadDataAsync(root, "pki/roles/ec2-i-0real3"));
    }

    [Fact]
    public async Task Least_privilege_policy_is_accepted_and_is_all_the_writer_needs()
    {
        var vault = fixture.Require();
        using var root = vault.CreateRootClient();
        await using (var admin = Connect(vault, vault.RootToken))
        {
            await admin.ApplyAsync(RenderedSet.Empty, new RenderedSet([new RenderedPolicy("ec2-plugin-writer", LeastPrivilegePolicy.Read())], []), Ct);
        }

        var token = await CreateTokenAsync(root, "ec2-plugin-writer", "1h");
        await using var writer = Connect(vault, token);
        var set = Sample.For("i-0real4");

        var info = await writer.LookupSelfAsync(Ct);
        var first = await writer.ApplyAsync(RenderedSet.Empty, set, Ct);
        var again = await writer.ApplyAsync(set, set, Ct);
        await writer.RemoveAsync(set, Ct);
        var outside = await Assert.ThrowsAsync<UpstreamFailure>(() => writer.ApplyAsync(
            RenderedSet.Empty, new RenderedSet([new RenderedPolicy("other-policy", "path \"x\" { capabilities = [\"read\"] }")], []), Ct));

        Assert.Equal(["default", "ec2-plugin-writer"], info.Policies.Order());
        Assert.True(info.Renewable);
        Assert.Equal(new ApplyResult(1, 1, 0), first);
        Assert.Equal(new ApplyResult(0, 0, 0), again);
        Assert.Null(await ReadDataAsync(root, "pki/roles/ec2-i-0real4"));
        Assert.Equal(UpstreamProblem.WriterTokenLacksPermission, outside.Problem);
        Assert.Contains("writer's token lacks permission (PUT sys/policies/acl/other-policy", outside.Detail);
        Assert.DoesNotContain(token, outside.Detail);
    }

    [Fact]
    public async Task Renewable_token_is_renewed_by_vault_when_two_thirds_of_its_ttl_have_passed()
    {
        var vault = fixture.Require();
        using var root = vault.CreateRootClient();
        var token = await CreateTokenAsync(root, "default", "1h");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new List<string>();
        await using var writer = new VaultHttpConnectionFactory(new VaultHttpOptions { Time = time, Log = log.Add })
            .Connect(new VaultConnectionSettings(vault.BaseAddress.ToString(), token, null, null, false, null));

        var info = await writer.LookupSelfAsync(Ct);
        await WaitUntilAsync(() => writer.Renewal.NextRenewalAt is not null);
        time.Advance(TimeSpan.FromSeconds(info.TtlSeconds * 2 / 3 + 1));
        await WaitUntilAsync(() => writer.Renewal.Renewals == 1);

        Assert.Empty(log);
        Assert.True(writer.Renewal.NextRenewalAt > time.GetUtcNow());
    }

    private static VaultHttpConnection Connect(VaultDevServer vault, string token) =>
        new VaultHttpConnectionFactory().Connect(new VaultConnectionSettings(vault.BaseAddress.ToString(), token, null, null, false, null));

    private static async Task<JsonObject?> ReadDataAsync(HttpClient root, string path)
    {
        using var reply = await root.GetAsync(path, Ct);
        if (reply.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        reply.EnsureSuccessStatusCode();
        return JsonNode.Parse(await reply.Content.ReadAsStringAsync(Ct))!["data"]!.AsObject();
    }

    private static async Task<string> CreateTokenAsync(HttpClient root, string policy, string ttl)
    {
        var body = new JsonObject { ["policies"] = new JsonArray(policy), ["ttl"] = ttl };
        using var reply = await root.PostAsync("auth/token/create", RealVaultFixture.Json(body), Ct);
        reply.EnsureSuccessStatusCode();
        return JsonNode.Parse(await reply.Content.ReadAsStringAsync(Ct))!["auth"]!["client_token"]!.GetValue<string>();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, deadline.Token);
        }
    }
}
