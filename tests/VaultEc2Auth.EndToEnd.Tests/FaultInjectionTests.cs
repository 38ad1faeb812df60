using System.Text;
using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// Faults in every upstream, injected one at a time under the published plugin (vault-host, protocol 5): each login
/// ends in a success or a clean failure (a 5xx naming the upstream, no token); Vault never holds part of an
/// instance's set; the same plugin process answers every step, and the instance logs in once the fault is gone.
/// </summary>
public sealed class FaultInjectionTests
{
    private sealed record FaultCase(string Kind, string Upstream, Action<LoginFlowPeers> Arm);

    private static readonly FaultCase[] Cases =
    [
        new("EC2 throttling (every attempt)", "EC2", peers => peers.Aws.ThrottleNext(20, "DescribeInstances")),
        new("EC2 throttling (one attempt, then served)", "EC2", peers => peers.Aws.ThrottleNext(1, "DescribeInstances")),
        new("EC2 5xx", "EC2", peers => peers.Aws.FailNext(20)),
        new("EC2 malformed XML", "EC2", peers => peers.Aws.MalformNext(20, "DescribeInstances")),
        new("EC2 timeout (one attempt stalls past the 10 s limit)", "EC2", peers => peers.Aws.StallNext(1, TimeSpan.FromSeconds(12), "DescribeInstances")),
        new("IAM throttling", "IAM", peers => peers.Aws.ThrottleNext(20, "GetInstanceProfile")),
        new("IAM malformed XML", "IAM", peers => peers.Aws.MalformNext(20, "GetInstanceProfile")),
        new("Vault 5xx on the policy write", "vault", peers => peers.Vault.FailPath("sys/policies/acl/", 500)),
        new("Vault 403 on the PKI role write", "vault", peers => peers.Vault.FailPath("pki/roles/", 403, "permission denied")),
        new("Vault fails between the two writes of one login", "vault", peers => peers.Vault.FailNthWrite(2, 500)),
        new("Vault timeout on the policy write (past the 30 s limit)", "vault", peers => peers.Vault.DelayPath("sys/policies/acl/", TimeSpan.FromSeconds(35), "PUT")),
    ];

    [Fact]
    public async Task Every_injected_fault_ends_in_a_success_or_a_5xx_naming_the_upstream_and_never_a_partial_set()
    {
        await using var peers = await LoginFlowPeers.StartAsync();
        await using var host = await VaultHostSession.StartAsync();
        foreach (var step in FaultPeers.SetUpSteps(peers))
        {
            var result = await host.StepAsync(step);
            Assert.True(result["ok"]?.GetValue<bool>() != false && result["status"]!.GetValue<int>() < 300, result.ToJsonString());
        }

        var tally = new StringBuilder("| fault | faults served | login under fault | then |\n|---|---:|---|---|\n");
        foreach (var fault in Cases)
        {
            var instanceId = FaultPeers.Launch(peers);
            var vaultFaultsBefore = peers.Vault.FaultsServed;
            var awsFaultsBefore = peers.Aws.FaultsServed.Values.Sum();
            fault.Arm(peers);

            var underFault = await host.StepAsync(FaultPeers.Login(peers, instanceId));

            FaultPeers.Disarm(peers);
            var served = peers.Vault.FaultsServed - vaultFaultsBefore + peers.Aws.FaultsServed.Values.Sum() - awsFaultsBefore;
            var status = underFault["status"]!.GetValue<int>();
            var context = $"{fault.Kind}: {underFault.ToJsonString()}";
            Assert.True(served > 0, $"{fault.Kind}: the fault was never served");
            Assert.Equal(host.FirstPluginPid, underFault["pid"]!.GetValue<int>());
            if (status == 200)
            {
                Assert.True(underFault["auth"] is JsonObject, context);
                Assert.Equal(2, FaultPeers.HeldItems(peers, instanceId));
            }
            else
            {
                Assert.True(status >= 500, context);
                Assert.Null(underFault["auth"]);
                Assert.True(underFault["error"]!.GetValue<string>().Contains(fault.Upstream, StringComparison.OrdinalIgnoreCase), $"the error does not name {fault.Upstream}: {context}");
                Assert.True(FaultPeers.HeldItems(peers, instanceId) == 0, $"partial or stale set after {context}");
            }

            var after = await host.StepAsync(FaultPeers.Login(peers, instanceId));
            Assert.True(after["status"]!.GetValue<int>() == 200, $"{fault.Kind}, login after the fault: {after.ToJsonString()}");
            Assert.Equal(2, FaultPeers.HeldItems(peers, instanceId));
            Assert.Equal(host.FirstPluginPid, after["pid"]!.GetValue<int>());
            tally.Append($"| {fault.Kind} | {served} | {(status == 200 ? "200, token" : $"{status}, no token: {underFault["error"]}")} | 200, full set |\n");
        }

        FaultTally.Write("faults.md", tally.ToString());
    }
}
