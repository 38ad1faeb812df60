using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests.Attacks;

/// <summary>
/// Issue 16 part 2: hostile requests through HashiCorp's go-plugin client and the published binary, against fake
/// EC2/IAM and a fake Vault. Each case must get its status and message, issue no token, and leave nothing behind:
/// no object or policy in Vault, no access-list entry, no registry record (for an attack on the victim: the victim
/// keeps exactly what its own login wrote). The scenario runs once; each case is checked by name.
/// </summary>
public sealed class AttackSuiteTests(AttackSuiteRun suite) : IClassFixture<AttackSuiteRun>
{
    private static readonly Lazy<IReadOnlyList<string>> Names = new(() =>
    {
        var peers = AttackPeers.Unstarted();
        try
        {
            return [.. new AttackScenario(peers).Cases.Select(attack => attack.Name)];
        }
        finally
        {
            peers.Ca.Dispose();
            peers.Untrusted.Dispose();
        }
    });

    public static TheoryData<string> CaseNames => [.. Names.Value];

    [Fact]
    public void Suite_has_at_least_forty_named_cases() =>
        Assert.True(Names.Value.Count >= 40, $"{Names.Value.Count} cases");

    [Fact]
    public void Set_up_and_the_victims_own_logins_succeed()
    {
        var failed = suite.Scenario.Setup
            .Select(step => step["label"]!.GetValue<string>())
            .Select(label => suite.Run.Step(label))
            .Where(line => line["ok"]?.GetValue<bool>() != true)
            .Select(line => line.ToJsonString())
            .ToList();

        Assert.True(failed.Count == 0, $"vault-host exit {suite.Run.ExitCode}\n{string.Join('\n', failed)}\n{Tail(suite.Run.Stderr)}");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Attack_is_refused_with_its_status_and_message_and_issues_no_token(string name)
    {
        var attack = Case(name);
        var line = suite.Run.Step(name);

        Assert.True(line["ok"]?.GetValue<bool>() == true, $"{name}: expected {attack.Status} '{attack.Message}', got {line.ToJsonString()}");
        Assert.Equal(attack.Status, line["status"]!.GetValue<int>());
        Assert.Null(line["auth"]);
        Assert.Null(line["protocol_error"]);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Attack_leaves_nothing_behind(string name)
    {
        var attack = Case(name);
        if (attack.OwnInstance is { } instance)
        {
            var hashes = AttackerHashes(instance);
            Assert.DoesNotContain(suite.Peers.Vault.PolicyNames, policy => hashes.Any(hash => policy.Contains(hash, StringComparison.Ordinal)));
            Assert.DoesNotContain(suite.Peers.Vault.ObjectPaths, path => hashes.Any(hash => path.Contains(hash, StringComparison.Ordinal)));
            Assert.False(suite.Storage.ContainsKey("accesslist/" + instance), $"{name} left an access-list entry");
            Assert.False(suite.Storage.ContainsKey("instances/" + instance) && !WriteWasUndone(name), $"{name} left a registry record");
            if (!WriteWasUndone(name))
            {
                Assert.DoesNotContain(suite.Peers.Vault.Writes, request => hashes.Any(hash => request.Path.Contains(hash, StringComparison.Ordinal)));
            }
        }

        if (attack.TargetsVictim)
        {
            var victimHash = AttackPeers.Hash(AttackScenario.Victim);
            // The victim's own first login wrote its PKI role and its policy; no attack added, changed or removed one.
            Assert.Equal(2, suite.Peers.Vault.Writes.Count(request => request.Path.Contains(victimHash, StringComparison.Ordinal)));
            Assert.NotNull(suite.Peers.Vault.GetPolicy("ec2-instance-" + victimHash));
            Assert.Contains("\"role\":\"worker\"", suite.Storage["accesslist/" + AttackScenario.Victim], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Writer_refused_at_login_leaves_no_partial_set_in_vault()
    {
        var hash = AttackPeers.Hash(AttackPeers.InstanceId(40));

        Assert.Null(suite.Peers.Vault.GetObject($"pki/roles/ec2-{hash}"));
        Assert.Null(suite.Peers.Vault.GetPolicy($"ec2-instance-{hash}"));
        Assert.False(suite.Storage.ContainsKey("accesslist/" + AttackPeers.InstanceId(40)));
    }

    [Fact]
    public void Shared_policy_stays_with_its_first_owner()
    {
        Assert.NotNull(suite.Peers.Vault.GetPolicy("ec2-instance-shared"));
        Assert.Contains(AttackScenario.SharedOwner, suite.Storage.Where(entry => entry.Key.StartsWith("owners/", StringComparison.Ordinal)).Select(entry => entry.Value)
            .Single(value => value.Contains("policy:ec2-instance-shared", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_never_appear_in_a_response_an_error_help_openapi_or_the_plugins_log()
    {
        var responses = string.Join('\n', suite.Run.Lines.Select(line => line.ToJsonString()));

        foreach (var secret in AttackScenario.Secrets)
        {
            Assert.DoesNotContain(secret, responses, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, suite.Run.Stderr, StringComparison.Ordinal);
        }

        Assert.NotEmpty(suite.Run.Step("help ")["data"]?.ToJsonString() ?? "");
        Assert.Contains("secret_key_set", suite.Run.Step("read config/client").ToJsonString(), StringComparison.Ordinal);
    }

    private AttackCase Case(string name) => suite.Scenario.Cases.Single(attack => attack.Name == name);

    // The login whose write Vault refused wrote its PKI role first; the writer removed it again (checked above).
    private static bool WriteWasUndone(string name) => name == "writer_token_refused_by_vault_at_login";

    private static string[] AttackerHashes(string instance) =>
    [
        .. new[] { AttackPeers.AccountId, AttackPeers.OtherAccountId }
            .SelectMany(account => new[] { AttackPeers.Region, "eu-west-1" }.Select(region => AttackPeers.Hash(instance, account, region))),
    ];

    private static string Tail(string text) => text[^Math.Min(text.Length, 3000)..];
}
