using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// The product's promise, through HashiCorp's go-plugin client and the published binary, in each way Vault starts
/// a plugin: configure, create a role with two templates (a PKI role allowing only the instance's FQDN and a policy
/// allowing issue on that role only), log in with a document signed by the test CA, and check what Vault holds.
/// </summary>
public sealed class LoginFlowScenarioTests
{
    [Theory]
    [MemberData(nameof(VaultHostRun.Modes), MemberType = typeof(VaultHostRun))]
    public async Task Login_gives_the_instance_its_own_policy_and_pki_role_and_denies_what_it_must(string mode)
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        var policyName = "ec2-instance-" + LoginFlowPeers.Hash(LoginFlowPeers.RunningId);
        var doomedPolicy = "ec2-instance-" + LoginFlowPeers.Hash(LoginFlowPeers.DoomedId);
        using var stop = new CancellationTokenSource();
        var terminateDoomed = TerminateAfterItsFirstLoginAsync(peers, doomedPolicy, stop.Token);

        var run = await VaultHostRun.RunAsync(Scenario(peers), mode);

        await stop.CancelAsync();
        await terminateDoomed;
        var failed = run.Steps.Where(step => step["ok"]?.GetValue<bool>() != true).Select(step => step.ToJsonString()).ToList();
        Assert.True(run.ExitCode == 0 && failed.Count == 0, $"vault-host exit {run.ExitCode}\n{string.Join('\n', failed)}\n{run.Stderr[^Math.Min(run.Stderr.Length, 3000)..]}");

        var policies = run.Step("first login")["auth"]!["policies"]!.AsArray().Select(node => node!.GetValue<string>()).ToList();
        Assert.Equal([policyName, "worker-common"], policies);

        var pkiRole = peers.Vault.GetObject($"pki/roles/ec2-{LoginFlowPeers.Hash(LoginFlowPeers.RunningId)}");
        Assert.NotNull(pkiRole);
        Assert.Equal(LoginFlowPeers.Fqdn(LoginFlowPeers.RunningId), pkiRole["allowed_domains"]![0]!.GetValue<string>());
        Assert.False(pkiRole["allow_subdomains"]!.GetValue<bool>());
        Assert.Contains($"pki/issue/ec2-{LoginFlowPeers.Hash(LoginFlowPeers.RunningId)}", peers.Vault.GetPolicy(policyName));

        // The first login wrote the PKI role and the policy; the second login (same content) wrote nothing.
        var writesForInstance = peers.Vault.Writes.Count(request => request.Path.Contains(LoginFlowPeers.Hash(LoginFlowPeers.RunningId), StringComparison.Ordinal));
        Assert.Equal(2, writesForInstance);
    }

    /// <summary>Once the doomed instance's login has written its policy, EC2 reports it terminated.</summary>
    private static async Task TerminateAfterItsFirstLoginAsync(LoginFlowPeers peers, string doomedPolicy, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (peers.Vault.GetPolicy(doomedPolicy) is not null)
            {
                peers.Aws.SetState(LoginFlowPeers.DoomedId, "terminated");
                return;
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static string Scenario(LoginFlowPeers peers)
    {
        var pkiTemplate = """{"allowed_domains": ["{{ FQDN }}"], "allow_bare_domains": true, "allow_subdomains": false, "max_ttl": "72h"}""";
        var policyTemplate = """path "pki/issue/ec2-{{ InstanceHash }}" { capabilities = ["update"] }""";
        JsonObject Step(string label, string op, string path, JsonObject? data, JsonObject expect)
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
            Step("configure cloud client", "update", "config/client", new JsonObject
            {
                ["access_key"] = "AKIAIOSFODNN7EXAMPLE", ["secret_key"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ["region"] = LoginFlowPeers.Region,
                ["ec2_endpoint"] = peers.Aws.BaseAddress.ToString(), ["iam_endpoint"] = peers.Aws.BaseAddress.ToString(), ["max_retries"] = 1,
            }, new JsonObject { ["status"] = 204 }),
            Step("configure vault writer", "update", "config/vault", new JsonObject
            {
                ["address"] = peers.Vault.BaseAddress.ToString(), ["token"] = LoginFlowPeers.WriterToken,
            }, new JsonObject { ["status"] = 200 }),
            Step("register the test CA", "update", "config/certificate/test-ca", new JsonObject
            {
                ["aws_public_cert"] = peers.Ca.DsaCertificatePem, ["type"] = "pkcs7",
            }, new JsonObject { ["status"] = 204 }),
            Step("create the role", "update", "roles/worker", new JsonObject
            {
                ["iam_role_arn"] = LoginFlowPeers.RoleArn, ["base_path"] = "pki/roles", ["token_policies"] = "worker-common",
                ["token_ttl"] = "1h", ["token_max_ttl"] = "24h",
            }, new JsonObject { ["status"] = 204 }),
            Step("PKI role template", "update", "templates/worker/pki-role", new JsonObject
            {
                ["type"] = "generic", ["path"] = "ec2-{{ InstanceHash }}", ["template"] = pkiTemplate,
            }, new JsonObject { ["status"] = 204 }),
            Step("issue policy template", "update", "templates/worker/issue", new JsonObject
            {
                ["type"] = "policy", ["path"] = "{{ InstanceHash }}", ["template"] = policyTemplate,
            }, new JsonObject { ["status"] = 204 }),
            Step("first login", "update", "login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.RunningId), ["nonce"] = "nonce-1" },
                new JsonObject { ["status"] = 200, ["auth"] = new JsonObject { ["alias"] = new JsonObject { ["name"] = LoginFlowPeers.RunningId } } }),
            Step("second login with the same nonce", "update", "login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.RunningId), ["nonce"] = "nonce-1" },
                new JsonObject { ["status"] = 200 }),
            Step("wrong nonce", "update", "login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.RunningId), ["nonce"] = "not-the-nonce" },
                new JsonObject { ["status"] = 403 }),
            Step("terminated instance", "update", "login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.TerminatedId) },
                new JsonObject { ["status"] = 403 }),
            Step("login before termination", "update", "login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.DoomedId), ["nonce"] = "nonce-3" },
                new JsonObject { ["status"] = 200 }),
            new JsonObject { ["label"] = "the instance is terminated meanwhile", ["op"] = "sleep", ["ms"] = 1500 },
            Step("renewal after termination", "renew", "login", null, new JsonObject { ["status"] = 400, ["error_contains"] = "terminated" }),
        };
        return string.Join('\n', steps.Select(step => step.ToJsonString())) + "\n";
    }
}
