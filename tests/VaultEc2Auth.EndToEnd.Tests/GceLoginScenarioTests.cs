using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// The GCE provider through HashiCorp's go-plugin client and the published binary, in each way Vault starts a plugin:
/// a gce mount, a role bound to a service account, logins with tokens signed by the test key playing Google's, the
/// instance's own policy and a PKI role for its hostname, nothing written again, a deleted instance denied and tidied.
/// </summary>
public sealed class GceLoginScenarioTests
{
    [Theory]
    [MemberData(nameof(VaultHostRun.Modes), MemberType = typeof(VaultHostRun))]
    public async Task Gce_login_gives_the_instance_its_own_policy_and_pki_role_and_a_deleted_instance_is_denied_and_tidied(string mode)
    {
        await using var peers = await GceLoginPeers.StartAsync();
        var ownHash = GceLoginPeers.Hash(peers.Running);
        var doomedHash = GceLoginPeers.Hash(peers.Doomed);
        using var stop = new CancellationTokenSource();
        var deleteDoomed = DeleteAfterItsFirstLoginAsync(peers, "ec2-instance-" + doomedHash, stop.Token);

        var run = await VaultHostRun.RunAsync(Scenario(peers), mode);

        await stop.CancelAsync();
        await deleteDoomed;
        var failed = run.Steps.Where(step => step["ok"]?.GetValue<bool>() != true).Select(step => step.ToJsonString()).ToList();
        Assert.True(run.ExitCode == 0 && failed.Count == 0, $"vault-host exit {run.ExitCode}\n{string.Join('\n', failed)}\n{run.Stderr[^Math.Min(run.Stderr.Length, 3000)..]}");

        var policies = run.Step("first login")["auth"]!["policies"]!.AsArray().Select(node => node!.GetValue<string>()).ToList();
        Assert.Equal(["ec2-instance-" + ownHash, "web-common"], policies);
        var pkiRole = peers.Vault.GetObject($"pki/roles/gce-{ownHash}");
        Assert.NotNull(pkiRole);
        Assert.Equal(GceLoginPeers.Fqdn(peers.Running), pkiRole["allowed_domains"]![0]!.GetValue<string>());
        Assert.Contains($"pki/issue/gce-{ownHash}", peers.Vault.GetPolicy("ec2-instance-" + ownHash));

        // The first login wrote the PKI role and the policy; the second login (newer token, same content) wrote nothing.
        Assert.Equal(2, peers.Vault.Writes.Count(request => request.Path.Contains(ownHash, StringComparison.Ordinal)));

        // The deleted instance's objects went with the tidy; the running one's stayed.
        Assert.Null(peers.Vault.GetPolicy("ec2-instance-" + doomedHash));
        Assert.Null(peers.Vault.GetObject($"pki/roles/gce-{doomedHash}"));
        Assert.NotNull(peers.Vault.GetPolicy("ec2-instance-" + ownHash));
    }

    /// <summary>Once the doomed instance's login has written its policy, Compute no longer knows it.</summary>
    private static async Task DeleteAfterItsFirstLoginAsync(GceLoginPeers peers, string doomedPolicy, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (peers.Vault.GetPolicy(doomedPolicy) is not null)
            {
                peers.Google.DeleteInstance(peers.Doomed);
                return;
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static string Scenario(GceLoginPeers peers)
    {
        var pkiTemplate = """{"allowed_domains": ["{{ FQDN }}"], "allow_bare_domains": true, "allow_subdomains": false, "max_ttl": "72h"}""";
        var policyTemplate = """path "pki/issue/gce-{{ InstanceHash }}" { capabilities = ["update"] }""";
        static JsonObject Step(string label, string op, string path, JsonObject? data, JsonObject expect)
        {
            var step = new JsonObject { ["label"] = label, ["op"] = op, ["path"] = path, ["expect"] = expect };
            if (data is not null)
            {
                step["data"] = data;
            }

            return step;
        }

        var steps = new[]
        {
            Step("configure gce client", "update", "config/client", peers.ClientConfig(), new JsonObject { ["status"] = 204 }),
            Step("read back without the key", "read", "config/client", null,
                new JsonObject { ["status"] = 200, ["data"] = new JsonObject { ["cloud_provider"] = "gce", ["gce_credentials_set"] = true, ["gce_credentials"] = null } }),
            Step("configure vault writer", "update", "config/vault", new JsonObject
            {
                ["address"] = peers.Vault.BaseAddress.ToString(), ["token"] = GceLoginPeers.WriterToken,
            }, new JsonObject { ["status"] = 200 }),
            Step("create the gce role", "update", "roles/web", new JsonObject
            {
                ["bound_service_accounts"] = GceLoginPeers.ServiceAccount, ["bound_projects"] = GceLoginPeers.Project,
                ["base_path"] = "pki/roles", ["token_policies"] = "web-common", ["token_ttl"] = "1h", ["token_max_ttl"] = "24h",
            }, new JsonObject { ["status"] = 204 }),
            Step("PKI role template", "update", "templates/web/pki-role", new JsonObject
            {
                ["type"] = "generic", ["path"] = "gce-{{ InstanceHash }}", ["template"] = pkiTemplate,
            }, new JsonObject { ["status"] = 204 }),
            Step("issue policy template", "update", "templates/web/issue", new JsonObject
            {
                ["type"] = "policy", ["path"] = "{{ InstanceHash }}", ["template"] = policyTemplate,
            }, new JsonObject { ["status"] = 204 }),
            Step("first login", "update", "login", new JsonObject { ["jwt"] = peers.TokenFor(peers.Running, TimeSpan.FromMinutes(5)) },
                new JsonObject { ["status"] = 200, ["auth"] = new JsonObject { ["alias"] = new JsonObject { ["name"] = peers.Running.Id } } }),
            Step("second login with a newer token", "update", "login", new JsonObject { ["jwt"] = peers.TokenFor(peers.Running, TimeSpan.FromMinutes(1)) },
                new JsonObject { ["status"] = 200 }),
            Step("token older than the last login's", "update", "login", new JsonObject { ["jwt"] = peers.TokenFor(peers.Running, TimeSpan.FromMinutes(10)) },
                new JsonObject { ["status"] = 403 }),
            Step("token for another audience", "update", "login", new JsonObject
            {
                ["jwt"] = peers.Signer.Mint(VaultEc2Auth.TestSupport.Gce.TestGoogleSigner.IdentityClaims(peers.Running, "https://elsewhere.example/v1/auth/gce", DateTimeOffset.UtcNow)),
            }, new JsonObject { ["status"] = 400 }),
            Step("login before deletion", "update", "login", new JsonObject { ["jwt"] = peers.TokenFor(peers.Doomed, TimeSpan.FromMinutes(1)) },
                new JsonObject { ["status"] = 200 }),
            new JsonObject { ["label"] = "the instance is deleted meanwhile", ["op"] = "sleep", ["ms"] = 1500 },
            Step("renewal after deletion", "renew", "login", null, new JsonObject { ["status"] = 400, ["error_contains"] = "unknown instance" }),
            Step("login after deletion", "update", "login", new JsonObject { ["jwt"] = peers.TokenFor(peers.Doomed, TimeSpan.Zero) },
                new JsonObject { ["status"] = 403 }),
            Step("tidy", "update", "tidy/instances", null,
                new JsonObject { ["status"] = 200, ["data"] = new JsonObject { ["checked"] = 2, ["removed"] = 1, ["kept"] = 1, ["failed"] = 0 } }),
        };
        return string.Join('\n', steps.Select(step => step.ToJsonString())) + "\n";
    }
}
