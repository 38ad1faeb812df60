using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// The tidy through HashiCorp's go-plugin client and the published binary: what a login wrote into the (fake) Vault
/// is gone once EC2 reports the instance terminated, on request and on Vault's rollback, and after a crash.
/// </summary>
public sealed class TidyScenarioTests
{
    private const string Mode = "--protocols 5";

    private static string DoomedPolicy => "ec2-instance-" + LoginFlowPeers.Hash(LoginFlowPeers.DoomedId);

    private static string DoomedPkiRole => "pki/roles/ec2-" + LoginFlowPeers.Hash(LoginFlowPeers.DoomedId);

    [Fact]
    public async Task Tidy_removes_a_terminated_instances_policy_and_pki_role_from_vault_and_a_second_tidy_removes_nothing()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        using var stop = new CancellationTokenSource();
        var terminate = TerminateAfterItsLoginAsync(peers, stop.Token);

        var run = await VaultHostRun.RunAsync(Lines(
        [
            .. Setup(peers),
            Step("login", "update", "login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.DoomedId), ["nonce"] = "nonce-1" }, 200),
            Step("listed", "list", "instances/", null, 200),
            Sleep(1000),
            Step("tidy", "update", "tidy/instances", null, 200, new JsonObject { ["checked"] = 1, ["removed"] = 1, ["kept"] = 0, ["failed"] = 0, ["access_list_removed"] = 1 }),
            Step("second tidy", "update", "tidy/instances", null, 200, new JsonObject { ["checked"] = 0, ["removed"] = 0, ["kept"] = 0, ["failed"] = 0 }),
            Step("status", "read", "tidy/status", null, 200, new JsonObject { ["trigger"] = "tidy/instances", ["removed"] = 0, ["running"] = false }),
            Step("no instance left", "read", $"instances/{LoginFlowPeers.DoomedId}", null, 404),
        ]), Mode);

        await stop.CancelAsync();
        await terminate;
        AssertAllOk(run);
        Assert.Null(peers.Vault.GetPolicy(DoomedPolicy));
        Assert.Null(peers.Vault.GetObject(DoomedPkiRole));
        Assert.Equal(2, peers.Vault.Requests.Count(request => request.Method == "DELETE"));
    }

    [Fact]
    public async Task Rollback_starts_a_tidy_that_removes_a_terminated_instance()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        using var stop = new CancellationTokenSource();
        var terminate = TerminateAfterItsLoginAsync(peers, stop.Token);

        var run = await VaultHostRun.RunAsync(Lines(
        [
            .. Setup(peers),
            Step("login", "update", "login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.DoomedId), ["nonce"] = "nonce-1" }, 200),
            Sleep(1000),
            Step("rollback", "rollback", "", null, 204),
            Sleep(3000),
            Step("status", "read", "tidy/status", null, 200, new JsonObject { ["trigger"] = "periodic", ["removed"] = 1, ["running"] = false }),
        ]), Mode);

        await stop.CancelAsync();
        await terminate;
        AssertAllOk(run);
        Assert.Null(peers.Vault.GetPolicy(DoomedPolicy));
        Assert.Null(peers.Vault.GetObject(DoomedPkiRole));
    }

    [Fact]
    public async Task Rollback_starts_no_tidy_with_disable_periodic_tidy()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        using var stop = new CancellationTokenSource();
        var terminate = TerminateAfterItsLoginAsync(peers, stop.Token);

        var run = await VaultHostRun.RunAsync(Lines(
        [
            .. Setup(peers),
            Step("disable periodic tidy", "update", "config/tidy", new JsonObject { ["disable_periodic_tidy"] = true }, 204),
            Step("login", "update", "login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.DoomedId), ["nonce"] = "nonce-1" }, 200),
            Sleep(1000),
            Step("rollback", "rollback", "", null, 204),
            Sleep(3000),
            Step("no tidy ran", "read", "tidy/status", null, 404),
        ]), Mode);

        await stop.CancelAsync();
        await terminate;
        AssertAllOk(run);
        Assert.NotNull(peers.Vault.GetPolicy(DoomedPolicy));
        Assert.NotNull(peers.Vault.GetObject(DoomedPkiRole));
    }

    [Fact]
    public async Task Plugin_killed_between_the_two_writes_of_a_login_leaves_nothing_behind_after_restart_and_tidy()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        // The login writes the PKI role, then the policy: the policy write hangs until the plugin is killed.
        peers.Vault.DelayPath("sys/policies/acl/", TimeSpan.FromMinutes(2), "PUT");
        using var stop = new CancellationTokenSource();
        Process? host = null;
        var kill = KillThePluginAtThePolicyWriteAsync(peers, () => host, stop.Token);

        var run = await VaultHostRun.RunAsync(Lines(
        [
            .. Setup(peers),
            Step("login killed mid-way", "update", "login", new JsonObject { ["pkcs7"] = peers.Pkcs7For(LoginFlowPeers.RunningId), ["nonce"] = "nonce-1" }, null),
            new JsonObject { ["label"] = "restart", ["op"] = "restart" },
            Step("tidy", "update", "tidy/instances", null, 200, new JsonObject { ["checked"] = 1, ["removed"] = 1, ["failed"] = 0 }),
            Step("no record left", "list", "instances/", null, 404),
        ]), Mode + " --no-auto-reload", started: process => host = process);

        await stop.CancelAsync();
        var killed = await kill;
        Assert.True(killed, "the plugin was never caught between the two writes");
        var failed = run.Steps.Where(step => step["label"]?.GetValue<string>() != "login killed mid-way" && step["ok"]?.GetValue<bool>() != true).ToList();
        Assert.True(failed.Count == 0, string.Join('\n', failed.Select(step => step.ToJsonString())) + "\n" + Tail(run.Stderr));
        var killedLogin = run.Step("login killed mid-way");
        Assert.True(killedLogin["auth"] is null && killedLogin["status"]?.GetValue<int>() != 200, killedLogin.ToJsonString());
        Assert.Empty(peers.Vault.ObjectPaths);
        Assert.Equal(["default"], peers.Vault.PolicyNames);
        Assert.Contains(peers.Vault.Requests, request => request.Method == "DELETE" && request.Path == "pki/roles/ec2-" + LoginFlowPeers.Hash(LoginFlowPeers.RunningId));
    }

    /// <summary>Once the doomed instance's policy is in Vault, EC2 reports it terminated.</summary>
    private static async Task TerminateAfterItsLoginAsync(LoginFlowPeers peers, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (peers.Vault.GetPolicy(DoomedPolicy) is not null)
            {
                peers.Aws.SetState(LoginFlowPeers.DoomedId, "terminated");
                return;
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>When the policy write arrives (the PKI role is written), SIGKILLs the plugin vault-host launched.</summary>
    private static async Task<bool> KillThePluginAtThePolicyWriteAsync(LoginFlowPeers peers, Func<Process?> host, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (peers.Vault.Requests.Any(request => request.Method == "PUT" && request.Path.StartsWith("sys/policies/acl/", StringComparison.Ordinal)) &&
                host() is { } vaultHost)
            {
                foreach (var child in ChildrenOf(vaultHost.Id))
                {
                    using var plugin = Process.GetProcessById(child);
                    plugin.Kill();
                }

                return true;
            }

            await Task.Delay(10, CancellationToken.None);
        }

        return false;
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && fields[1] == parent.ToString(CultureInfo.InvariantCulture))
            {
                yield return pid;
            }
        }
    }

    private static void AssertAllOk(VaultHostRun run)
    {
        var failed = run.Steps.Where(step => step["ok"]?.GetValue<bool>() != true).Select(step => step.ToJsonString()).ToList();
        Assert.True(run.ExitCode == 0 && failed.Count == 0, $"vault-host exit {run.ExitCode}\n{string.Join('\n', failed)}\n{Tail(run.Stderr)}");
    }

    private static string Tail(string text) => text[^Math.Min(text.Length, 3000)..];

    private static IEnumerable<JsonObject> Setup(LoginFlowPeers peers) =>
    [
        Step("configure cloud client", "update", "config/client", new JsonObject
        {
            ["access_key"] = "AKIAIOSFODNN7EXAMPLE", ["secret_key"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ["region"] = LoginFlowPeers.Region,
            ["ec2_endpoint"] = peers.Aws.BaseAddress.ToString(), ["iam_endpoint"] = peers.Aws.BaseAddress.ToString(), ["max_retries"] = 1,
        }, 204),
        Step("configure vault writer", "update", "config/vault", new JsonObject
        {
            ["address"] = peers.Vault.BaseAddress.ToString(), ["token"] = LoginFlowPeers.WriterToken,
        }, 200),
        Step("register the test CA", "update", "config/certificate/test-ca", new JsonObject
        {
            ["aws_public_cert"] = peers.Ca.DsaCertificatePem, ["type"] = "pkcs7",
        }, 204),
        Step("create the role", "update", "roles/worker", new JsonObject
        {
            ["iam_role_arn"] = LoginFlowPeers.RoleArn, ["base_path"] = "pki/roles", ["token_ttl"] = "1h", ["token_max_ttl"] = "24h",
        }, 204),
        Step("PKI role template", "update", "templates/worker/pki-role", new JsonObject
        {
            ["type"] = "generic", ["path"] = "ec2-{{ InstanceHash }}",
            ["template"] = """{"allowed_domains": ["{{ FQDN }}"], "allow_bare_domains": true, "allow_subdomains": false, "max_ttl": "72h"}""",
        }, 204),
        Step("issue policy template", "update", "templates/worker/issue", new JsonObject
        {
            ["type"] = "policy", ["path"] = "{{ InstanceHash }}", ["template"] = """path "pki/issue/ec2-{{ InstanceHash }}" { capabilities = ["update"] }""",
        }, 204),
    ];

    private static JsonObject Step(string label, string op, string path, JsonObject? data, int? status, JsonObject? expectData = null)
    {
        var expect = new JsonObject();
        if (status is { } code)
        {
            expect["status"] = code;
        }

        if (expectData is not null)
        {
            expect["data"] = expectData;
        }

        var step = new JsonObject { ["label"] = label, ["op"] = op, ["path"] = path, ["expect"] = expect };
        if (data is not null)
        {
            step["data"] = data;
        }

        return step;
    }

    private static JsonObject Sleep(int milliseconds) => new() { ["label"] = $"sleep {milliseconds} ms", ["op"] = "sleep", ["ms"] = milliseconds };

    private static string Lines(IEnumerable<JsonObject> steps) => string.Join('\n', steps.Select(step => step.ToJsonString())) + "\n";
}
