using System.Globalization;
using System.Text.Json.Nodes;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Login;
using VaultEc2Auth.Templates;
using VaultEc2Auth.TestSupport.Aws;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;
using VaultPlugin.Sdk.Logging;
using VaultPlugin.Sdk.Testing;

namespace VaultEc2Auth.TestSupport.Tidy;

/// <summary>
/// A fleet as logins would have left it, for the tidy at scale: the auth method mounted on in-memory storage with
/// the given describer (the real EC2 adapter, pointed at <see cref="Aws"/>), every instance with a registry record,
/// an access-list entry and a policy and PKI role in <see cref="Vault"/>; one in ten terminated in EC2.
/// </summary>
public sealed class TidyFleet : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";
    private const string Token = "writer-token-fleet";

    private readonly IInstanceDescriber _describer;

    private TidyFleet(FakeAwsServer aws, InMemoryVault vault, InMemoryStorage storage, IInstanceDescriber describer, PluginBackend backend)
    {
        Aws = aws;
        Vault = vault;
        Storage = storage;
        _describer = describer;
        Backend = backend;
    }

    public FakeAwsServer Aws { get; }

    public InMemoryVault Vault { get; }

    public InMemoryStorage Storage { get; }

    public PluginBackend Backend { get; }

    /// <summary>Instance hashes of the terminated tenth.</summary>
    public List<string> Terminated { get; } = [];

    /// <param name="identifierRules">The AWS adapter's identifier rules (this project does not reference the adapter).</param>
    public static async Task<TidyFleet> StartAsync(int size, Func<IInstanceDescriber> describer, IIdentityDocumentVerifier verifier, IInstanceIdentifierRules identifierRules)
    {
        var aws = new FakeAwsServer();
        await aws.StartAsync().ConfigureAwait(false);
        var storage = new InMemoryStorage();
        var vault = new InMemoryVault();
        var instances = describer();
        var adapters = new Ec2AuthAdapters(verifier, instances, new ScribanTemplateRenderer(), vault, TimeProvider.System, HclogWriter.Null, "https://vault.test:8200")
        {
            IdentifierRules = [identifierRules],
        };
        var definition = new Ec2AuthBackend(adapters).Create(new BackendSetup(storage, new FixedSystemView(), new Dictionary<string, string>(), "fleet"));
        var fleet = new TidyFleet(aws, vault, storage, instances, new PluginBackend(definition, storage, new FixedSystemView(), "v0.1.0"));
        fleet.Vault.AcceptToken(Token, new TokenInfo(["writer"], 3600, false, "writer"));
        await fleet.ConfigureAsync().ConfigureAwait(false);
        await fleet.SeedAsync(size).ConfigureAwait(false);
        return fleet;
    }

    /// <summary>One <c>tidy/instances</c>, as its response counts it.</summary>
    public async Task<(int Checked, int Removed, int Kept, int Failed)> TidyAsync()
    {
        var data = (await SendAsync(Operations.Update, "tidy/instances", null).ConfigureAwait(false))!.Data!;
        return (data["checked"]!.GetValue<int>(), data["removed"]!.GetValue<int>(), data["kept"]!.GetValue<int>(), data["failed"]!.GetValue<int>());
    }

    public async ValueTask DisposeAsync()
    {
        await Backend.Definition.Cleanup!().ConfigureAwait(false);
        await Aws.DisposeAsync().ConfigureAwait(false);
        (_describer as IDisposable)?.Dispose();
    }

    private async Task ConfigureAsync()
    {
        await SendAsync(Operations.Update, "config/client", new JsonObject
        {
            ["access_key"] = "AKIAIOSFODNN7EXAMPLE",
            ["secret_key"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ["region"] = Region,
            ["ec2_endpoint"] = Aws.BaseAddress.ToString(),
            ["iam_endpoint"] = Aws.BaseAddress.ToString(),
            ["max_retries"] = 5,
        }).ConfigureAwait(false);
        await SendAsync(Operations.Update, "config/vault", new JsonObject { ["token"] = Token }).ConfigureAwait(false);
        await SendAsync(Operations.Update, "roles/worker", new JsonObject
        {
            ["iam_role_arn"] = $"arn:aws:iam::{AccountId}:role/worker",
            ["base_path"] = "pki/roles",
        }).ConfigureAwait(false);
    }

    private async Task SeedAsync(int size)
    {
        var registry = new InstanceRegistry(TimeProvider.System);
        var accessList = new AccessList();
        await using var writer = Vault.Connect(new VaultConnectionSettings("https://vault.test:8200", Token, null, null, false, null));
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < size; i++)
        {
            var id = "i-" + i.ToString("x17", CultureInfo.InvariantCulture);
            var gone = i % 10 == 0;
            Aws.AddInstance(new FakeInstance(id, AccountId, "ami-0abcdef1234567890", Region + "a", now.AddDays(-1), gone ? "terminated" : "running"));
            var hash = InstanceHash.Compute(AccountId, Region, id);
            var set = new RenderedSet(
                [new RenderedPolicy("ec2-instance-" + hash, $"path \"pki/issue/ec2-{hash}\" {{ capabilities = [\"update\"] }}")],
                [new RenderedObject("pki/roles/ec2-" + hash, new JsonObject { ["allowed_domains"] = new JsonArray($"{id}.ec2.internal") })]);
            await writer.ApplyAsync(RenderedSet.Empty, set, CancellationToken.None).ConfigureAwait(false);
            await registry.PutAsync(Storage, new InstanceRecord(id, AccountId, Region, "worker", set, null, now), CancellationToken.None).ConfigureAwait(false);
            await accessList.StoreAsync(Storage, id, new AccessListEntry("worker", null, null, false, now.AddDays(-1), now, now, now.AddDays(1)), CancellationToken.None).ConfigureAwait(false);
            if (gone)
            {
                Terminated.Add(hash);
            }
        }
    }

    private Task<LogicalResponse?> SendAsync(string operation, string path, JsonObject? data) =>
        Backend.HandleRequestAsync(new LogicalRequest { Operation = operation, Path = path, Data = data }, CancellationToken.None);
}
