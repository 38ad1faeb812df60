using System.Globalization;
using System.Text.Json.Nodes;
using VaultEc2Auth.Aws.Identity;
using VaultEc2Auth.Aws.Instances;
using VaultEc2Auth.Login;
using VaultEc2Auth.Sdk.Framework;
using VaultEc2Auth.Sdk.Host;
using VaultEc2Auth.Sdk.Logging;
using VaultEc2Auth.Templates;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.Aws.Tests;

/// <summary>
/// The tidy over a large fleet, through the real EC2 adapter against the fake EC2's wire format: 10,000 registry
/// entries, 10% of them terminated. The count of DescribeInstances calls is the contract (ceil(N/100) plus retries);
/// time and memory are measured by benchmarks/run-tidy-bench.sh, not here.
/// </summary>
public sealed class TidyScaleTests
{
    private const int Fleet = 10_000;
    private const string Region = "us-east-1";
    private const string AccountId = "123456789012";
    private const string Token = "writer-token-scale";

    [Fact]
    public async Task Tidy_of_10000_instances_asks_ec2_at_most_once_per_100_plus_retries_and_removes_the_terminated()
    {
        await using var aws = new FakeAwsServer();
        await aws.StartAsync();
        var vault = new InMemoryVault();
        vault.AcceptToken(Token, new TokenInfo(["writer"], 3600, false, "writer"));
        var storage = new InMemoryStorage();
        using var describer = new Ec2InstanceDescriber(new AwsCredentialSource(), TimeProvider.System, new HttpClient());
        var backend = Mount(describer, vault, storage);
        await ConfigureAsync(backend, aws);
        var terminated = await SeedAsync(aws, vault, storage);

        var first = await TidyAsync(backend);

        Assert.Equal((Fleet, Fleet / 10, Fleet - (Fleet / 10), 0), first);
        Assert.True(aws.CountOf("DescribeInstances") <= (Fleet + 99) / 100, $"{aws.CountOf("DescribeInstances")} DescribeInstances calls");
        Assert.Equal(100, aws.LargestFilter);
        Assert.All(terminated, hash => Assert.Null(vault.PolicyText("ec2-instance-" + hash)));
        Assert.Equal(Fleet - (Fleet / 10), vault.Policies.Count);

        const int retries = 3;
        aws.ThrottleNext(retries, "DescribeInstances");
        var callsBefore = aws.CountOf("DescribeInstances");
        var second = await TidyAsync(backend);

        Assert.Equal((Fleet - (Fleet / 10), 0, Fleet - (Fleet / 10), 0), second);
        Assert.True(aws.CountOf("DescribeInstances") - callsBefore <= ((Fleet - (Fleet / 10) + 99) / 100) + retries,
            $"{aws.CountOf("DescribeInstances") - callsBefore} DescribeInstances calls with {retries} throttled");
    }

    internal static PluginBackend Mount(Ec2InstanceDescriber describer, InMemoryVault vault, IStorage storage)
    {
        var adapters = new Ec2AuthAdapters(new IdentityDocumentVerifier(), describer, new ScribanTemplateRenderer(), vault, TimeProvider.System,
            HclogWriter.Null, "https://vault.test:8200");
        var definition = new Ec2AuthBackend(adapters).Create(new Sdk.Backend.BackendSetup(storage, new FixedSystemView(), new Dictionary<string, string>(), "scale"));
        return new PluginBackend(definition, storage, new FixedSystemView(), "v0.1.0");
    }

    internal static async Task ConfigureAsync(PluginBackend backend, FakeAwsServer aws)
    {
        await SendAsync(backend, Operations.Update, "config/client", new JsonObject
        {
            ["access_key"] = "AKIAIOSFODNN7EXAMPLE", ["secret_key"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ["region"] = Region,
            ["ec2_endpoint"] = aws.BaseAddress.ToString(), ["iam_endpoint"] = aws.BaseAddress.ToString(), ["max_retries"] = 5,
        });
        await SendAsync(backend, Operations.Update, "config/vault", new JsonObject { ["token"] = Token });
        await SendAsync(backend, Operations.Update, "roles/worker", new JsonObject
        {
            ["iam_role_arn"] = $"arn:aws:iam::{AccountId}:role/worker", ["base_path"] = "pki/roles",
        });
    }

    /// <summary>The fleet as logins would have left it: a record, an access-list entry and a policy and PKI role in Vault each.</summary>
    /// <returns>The instance hashes of the terminated tenth.</returns>
    internal static async Task<IReadOnlyList<string>> SeedAsync(FakeAwsServer aws, InMemoryVault vault, IStorage storage)
    {
        var registry = new InstanceRegistry(TimeProvider.System);
        var accessList = new AccessList();
        await using var writer = vault.Connect(new VaultConnectionSettings("https://vault.test:8200", Token, null, null, false, null));
        var now = DateTimeOffset.UtcNow;
        var terminated = new List<string>();
        for (var i = 0; i < Fleet; i++)
        {
            var id = "i-" + i.ToString("x17", CultureInfo.InvariantCulture);
            var gone = i % 10 == 0;
            aws.AddInstance(new FakeInstance(id, AccountId, "ami-0abcdef1234567890", Region + "a", now.AddDays(-1), gone ? "terminated" : "running"));
            var hash = InstanceHash.Compute(AccountId, Region, id);
            var set = new RenderedSet(
                [new RenderedPolicy("ec2-instance-" + hash, $"path \"pki/issue/ec2-{hash}\" {{ capabilities = [\"update\"] }}")],
                [new RenderedObject("pki/roles/ec2-" + hash, new JsonObject { ["allowed_domains"] = new JsonArray($"{id}.ec2.internal") })]);
            await writer.ApplyAsync(RenderedSet.Empty, set, CancellationToken.None);
            await registry.PutAsync(storage, new InstanceRecord(id, AccountId, Region, "worker", set, null, now), CancellationToken.None);
            await accessList.StoreAsync(storage, id, new AccessListEntry("worker", null, null, false, now.AddDays(-1), now, now, now.AddDays(1)), CancellationToken.None);
            if (gone)
            {
                terminated.Add(hash);
            }
        }

        return terminated;
    }

    internal static async Task<(int Checked, int Removed, int Kept, int Failed)> TidyAsync(PluginBackend backend)
    {
        var data = (await SendAsync(backend, Operations.Update, "tidy/instances", null))!.Data!;
        return (data["checked"]!.GetValue<int>(), data["removed"]!.GetValue<int>(), data["kept"]!.GetValue<int>(), data["failed"]!.GetValue<int>());
    }

    private static Task<LogicalResponse?> SendAsync(PluginBackend backend, string operation, string path, JsonObject? data) =>
        backend.HandleRequestAsync(new LogicalRequest { Operation = operation, Path = path, Data = data }, CancellationToken.None);
}
