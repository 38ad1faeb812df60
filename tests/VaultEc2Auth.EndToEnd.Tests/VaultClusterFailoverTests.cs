using System.Diagnostics;
using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.TestSupport.Aws;
using static VaultEc2Auth.EndToEnd.Tests.VaultCalls;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// The plugin in a real Vault HA cluster (two Vault 0.10.1 nodes on etcd): logins through the standby and the
/// active node, then SIGKILL of the active node. The standby takes over, the writer (given both nodes' addresses)
/// follows it, instances keep their nonces, tokens issued before the failover still renew, and the dead node's
/// plugin process does not live on.
/// </summary>
public sealed class VaultClusterFailoverTests(ITestOutputHelper output)
{
    private const string NewcomerId = "i-0a1b2c3d4e5f60004";
    private static readonly TimeSpan TakeoverLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OrphanLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Logins_renewals_and_certificates_survive_a_kill_9_of_the_active_node()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var peers = await LoginFlowPeers.StartAsync();
        peers.Aws.AddInstance(new FakeInstance(NewcomerId, LoginFlowPeers.AccountId, "ami-0abcdef1234567890", LoginFlowPeers.Region + "a",
            DateTimeOffset.UtcNow.AddHours(-1), "running",
            IamInstanceProfileArn: $"arn:aws:iam::{LoginFlowPeers.AccountId}:instance-profile/worker",
            PrivateDnsName: LoginFlowPeers.Fqdn(NewcomerId), PrivateIpAddress: "10.0.1.14",
            Tags: new Dictionary<string, string> { ["team"] = "builders" }));
        await using var cluster = await VaultHaCluster.StartAsync(Artifacts.RealVault, Artifacts.PluginBinary, "ec2", ct);
        var active = await cluster.ActiveAsync(ct);
        var standby = cluster.Nodes.Single(node => node != active);
        using var viaActive = active.CreateClient(cluster.RootToken);
        using var viaStandby = standby.CreateClient(cluster.RootToken);

        // Configured through the standby, which forwards every request to the active node. The writer gets every
        // node's address, the one about to die first.
        var writerAddress = $"{active.ApiAddress.GetLeftPart(UriPartial.Authority)},{standby.ApiAddress.GetLeftPart(UriPartial.Authority)}";
        await MountPkiAsync(viaStandby);
        await ConfigureWorkerRoleAsync(viaStandby, peers, writerAddress, cluster.RootToken);
        Assert.Equal(writerAddress, (await Ok(viaStandby.GetAsync("auth/ec2/config/vault", ct)))["data"]!["address"]!.GetValue<string>());

        using var anonymousStandby = standby.CreateClient();
        using var anonymousActive = active.CreateClient();
        var beforeFailover = await Ok(Post(anonymousStandby, "auth/ec2/login", LoginBody(peers, LoginFlowPeers.RunningId, "nonce-running")));
        await Ok(Post(anonymousActive, "auth/ec2/login", LoginBody(peers, LoginFlowPeers.DoomedId, "nonce-doomed")));
        // A standby of this Vault serves nothing itself: it forwards, so it never started the plugin.
        Assert.Empty(standby.ChildProcessIds());

        var orphans = await cluster.KillAsync(active);
        var sinceKill = Stopwatch.StartNew();
        Assert.NotEmpty(orphans);
        var orphansGone = WhenGoneAsync(orphans, sinceKill, ct);
        var takeover = await VaultHaCluster.WaitUntilActiveAsync(standby, TakeoverLimit, ct);
        using var anonymous = standby.CreateClient();
        var relogin = await Ok(Post(anonymous, "auth/ec2/login", LoginBody(peers, LoginFlowPeers.RunningId, "nonce-running")));
        var firstLogin = sinceKill.Elapsed;
        output.WriteLine($"failover: node {standby.Name} active {takeover.TotalSeconds:0.0} s after kill -9 of node {active.Name}; " +
                         $"first login after it succeeded {firstLogin.TotalSeconds:0.0} s after the kill");
        Assert.NotEmpty(relogin["auth"]!["client_token"]!.GetValue<string>());

        var replay = await Answer(Post(anonymous, "auth/ec2/login", LoginBody(peers, LoginFlowPeers.RunningId, "not-the-nonce")));
        Assert.Equal(403, replay.Status);

        using var worker = standby.CreateClient(beforeFailover["auth"]!["client_token"]!.GetValue<string>());
        await Ok(Post(worker, "auth/token/renew-self", new JsonObject()));
        var issued = await Ok(Post(worker, $"pki/issue/ec2-{LoginFlowPeers.Hash(LoginFlowPeers.RunningId)}",
            new JsonObject { ["common_name"] = LoginFlowPeers.Fqdn(LoginFlowPeers.RunningId) }));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", issued["data"]!["certificate"]!.GetValue<string>());

        var newcomer = await Ok(Post(anonymous, "auth/ec2/login", LoginBody(peers, NewcomerId, "nonce-newcomer")));
        Assert.Contains("ec2-instance-" + LoginFlowPeers.Hash(NewcomerId),
            newcomer["auth"]!["policies"]!.AsArray().Select(policy => policy!.GetValue<string>()));

        var orphanExit = await orphansGone;
        output.WriteLine($"the killed node's plugin processes ({string.Join(", ", orphans)}) exited {orphanExit.TotalSeconds:0.0} s after the kill");
        Assert.True(orphanExit < OrphanLimit, $"the killed node's plugins lived {orphanExit.TotalSeconds:0.0} s");
    }

    /// <summary>When every process in <paramref name="pids"/> had exited, on <paramref name="clock"/> (gives up after twice the limit).</summary>
    private static async Task<TimeSpan> WhenGoneAsync(IReadOnlyList<int> pids, Stopwatch clock, CancellationToken ct)
    {
        while (pids.Any(ProcessTable.IsRunning) && clock.Elapsed < OrphanLimit * 2)
        {
            await Task.Delay(50, ct);
        }

        return clock.Elapsed;
    }
}
