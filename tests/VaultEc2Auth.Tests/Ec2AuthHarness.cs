using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using VaultEc2Auth.Aws;
using VaultEc2Auth.Gce.Instances;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Login;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Templates;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;
using VaultPlugin.Sdk.Logging;
using VaultPlugin.Sdk.Testing;

namespace VaultEc2Auth.Tests;

/// <summary>
/// The auth method mounted the way Vault mounts it: <see cref="Ec2AuthBackend"/> behind <see cref="PluginBackend"/>,
/// with in-memory storage, fake AWS, an in-memory Vault to write into, the real Scriban renderer and a fake clock.
/// Requests go in as <see cref="LogicalRequest"/>s; errors come out as <see cref="RequestException"/>s.
/// </summary>
internal sealed class Ec2AuthHarness
{
    public const string WriterToken = "hvs.CAESIJwriter-token-that-must-never-leak";
    public const string DefaultVaultAddress = "https://vault.internal:8200";
    public const string DefaultPolicyPrefix = "ec2-instance-";
    public const string AccountId = "123456789012";
    public const string Region = "eu-central-1";
    public const string WebRoleArn = "arn:aws:iam::123456789012:role/web-server";
    public const string BasePath = "pki/roles";
    public const string ClientAddress = "10.0.1.23";

    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly TokenInfo WriterTokenInfo = new(["default", "ec2-instance-writer"], 3600, true, "token-ec2-writer");

    /// <summary>A PKI role allowing only the instance's own DNS name.</summary>
    public const string PkiRoleTemplate = """
        {
          "allowed_domains": ["{{ FQDN }}"],
          "allow_bare_domains": true,
          "allow_subdomains": false,
          "allow_any_name": false
        }
        """;

    /// <summary>A policy allowing <c>issue</c> on the instance's PKI role only.</summary>
    public const string IssuePolicyTemplate = """
        path "pki/issue/ec2-{{ InstanceHash }}" {
          capabilities = ["update"]
        }
        """;

    private readonly MemoryStream _log = new();

    /// <param name="verifier">The identity verifier to mount; <see cref="Verifier"/> (the fake) unless given.</param>
    /// <param name="gceProvider">Whether the GCE fakes are mounted (false: a build without the GCE adapter).</param>
    public Ec2AuthHarness(string? defaultVaultAddress = DefaultVaultAddress, IIdentityDocumentVerifier? verifier = null, bool gceProvider = true)
    {
        Vault.AcceptToken(WriterToken, WriterTokenInfo);
        var adapters = new Ec2AuthAdapters(verifier ?? Verifier, Describer, new ScribanTemplateRenderer(), Vault, Clock,
            new HclogWriter(_log, HclogLevel.Trace), defaultVaultAddress)
        {
            GceVerifier = gceProvider ? GceVerifier : null,
            GceDescriber = gceProvider ? GceDescriber : null,
            IdentifierRules = [new AwsIdentifierRules(), new GceIdentifierRules()],
        };
        Factory = new Ec2AuthBackend(adapters);
        Definition = Factory.Create(new BackendSetup(Storage, SystemView, new Dictionary<string, string>(), "backend-uuid"));
        Backend = new PluginBackend(Definition, Storage, SystemView, "v0.1.0");
    }

    public FakeIdentityVerifier Verifier { get; } = new();

    public FakeInstanceDescriber Describer { get; } = new();

    public FakeGceTokenVerifier GceVerifier { get; } = new();

    /// <summary>The fake Compute API: the same fake describer, holding GCE instances.</summary>
    public FakeInstanceDescriber GceDescriber { get; } = new();

    public InMemoryVault Vault { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public PausingStorage Storage { get; } = new();

    public FixedSystemView SystemView { get; } = new();

    public Ec2AuthBackend Factory { get; }

    public BackendDefinition Definition { get; }

    public PluginBackend Backend { get; }

    /// <summary>Everything the plugin logged so far (hclog JSON lines); read it once requests have finished.</summary>
    public string LogText => Encoding.UTF8.GetString(_log.ToArray());

    public Task<LogicalResponse?> SendAsync(string operation, string path, JsonObject? data = null, string? remoteAddress = ClientAddress, AuthData? auth = null) =>
        Backend.HandleRequestAsync(new LogicalRequest
        {
            Operation = operation,
            Path = path,
            Data = data,
            RemoteAddress = remoteAddress,
            Auth = auth,
            MountPoint = "auth/ec2-instance/",
        }, CancellationToken.None);

    /// <summary>A write as Vault sends it: <c>create</c> when the path's existence check says the entry is new, else <c>update</c>.</summary>
    public async Task<LogicalResponse?> WriteAsync(string path, JsonObject data)
    {
        var probe = new LogicalRequest { Operation = Operations.Update, Path = path, Data = data };
        var (checkFound, exists) = await Backend.CheckExistenceAsync(probe, CancellationToken.None);
        return await SendAsync(checkFound && !exists ? Operations.Create : Operations.Update, path, data);
    }

    public Task<LogicalResponse?> ReadAsync(string path) => SendAsync(Operations.Read, path);

    public Task<LogicalResponse?> ListAsync(string path) => SendAsync(Operations.List, path);

    public Task<LogicalResponse?> DeleteAsync(string path) => SendAsync(Operations.Delete, path);

    public async Task<IReadOnlyList<string>> ListKeysAsync(string path)
    {
        var response = await ListAsync(path);
        return [.. response!.Data!["keys"]!.AsArray().Select(key => key!.GetValue<string>())];
    }

    public Task<LogicalResponse?> ConfigureVaultAsync(string policyPrefix = DefaultPolicyPrefix) =>
        WriteAsync("config/vault", new JsonObject { ["token"] = WriterToken, ["policy_prefix"] = policyPrefix });

    /// <summary>Role <paramref name="name"/> bound to <see cref="WebRoleArn"/> with base path <see cref="BasePath"/>; <paramref name="fields"/> add or override.</summary>
    public Task<LogicalResponse?> CreateRoleAsync(string name = "web", JsonObject? fields = null)
    {
        var data = new JsonObject { ["iam_role_arn"] = WebRoleArn, ["base_path"] = BasePath };
        foreach (var (key, value) in fields ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return WriteAsync($"roles/{name}", data);
    }

    public Task<LogicalResponse?> AddTemplateAsync(string role, string name, string type, string path, string template) =>
        WriteAsync($"templates/{role}/{name}", new JsonObject { ["type"] = type, ["path"] = path, ["template"] = template });

    public async Task AddPkiTemplatesAsync(string role = "web")
    {
        await AddTemplateAsync(role, "pki-role", "generic", "ec2-{{ InstanceHash }}", PkiRoleTemplate);
        await AddTemplateAsync(role, "issue", "policy", "{{ InstanceHash }}", IssuePolicyTemplate);
    }

    /// <summary>config/vault, role <c>web</c> (with <paramref name="roleFields"/>) and its two PKI templates.</summary>
    public async Task SetUpPkiRoleAsync(JsonObject? roleFields = null)
    {
        await ConfigureVaultAsync();
        await CreateRoleAsync("web", roleFields);
        await AddPkiTemplatesAsync();
    }

    /// <summary>A running instance known to the fake EC2, with a document the fake verifier accepts.</summary>
    public LaunchedInstance Launch(
        string instanceId = "i-0123456789abcdef0",
        string iamRoleArn = WebRoleArn,
        IReadOnlyDictionary<string, string>? tags = null,
        string accountId = AccountId,
        string region = Region,
        string? vpcId = "vpc-0a1b2c3d",
        string imageId = "ami-0abcdef1234567890")
    {
        var suffix = instanceId[^4..];
        var facts = new InstanceFacts(
            InstanceId: instanceId,
            AccountId: accountId,
            Region: region,
            State: InstanceState.Running,
            IamInstanceProfileArn: iamRoleArn.Replace(":role/", ":instance-profile/", StringComparison.Ordinal),
            IamRoleArn: iamRoleArn,
            PrivateDnsName: $"ip-10-0-{Convert.ToInt32(suffix, 16) % 250}-23.{region}.compute.internal",
            PrivateIpv4: $"10.0.{Convert.ToInt32(suffix, 16) % 250}.23",
            VpcId: vpcId,
            SubnetId: "subnet-0a1b2c3d",
            ImageId: imageId,
            InstanceType: "t3.micro",
            AvailabilityZone: region + "a",
            LaunchTime: Start.AddHours(-2),
            Tags: tags ?? new Dictionary<string, string> { ["team"] = "payments" });
        Describer.Put(facts);
        var document = new VerifiedDocument(instanceId, accountId, region, facts.AvailabilityZone, Start.AddHours(-2), imageId, "t3.micro", facts.PrivateIpv4, "x86_64");
        var instance = new LaunchedInstance(facts, document, Pkcs7Of(document));
        Verifier.AddPkcs7(instance.Pkcs7, document);
        return instance;
    }

    /// <summary>A document of the same instance with another pendingTime (it was stopped and started, or an old one).</summary>
    public string DocumentWithPendingTime(LaunchedInstance instance, DateTimeOffset pendingTime)
    {
        var document = instance.Document with { PendingTime = pendingTime };
        var pkcs7 = Pkcs7Of(document);
        Verifier.AddPkcs7(pkcs7, document);
        return pkcs7;
    }

    public static JsonObject LoginData(string pkcs7, string? nonce = null, string? role = null)
    {
        var data = new JsonObject { ["pkcs7"] = pkcs7 };
        if (nonce is not null)
        {
            data["nonce"] = nonce;
        }

        if (role is not null)
        {
            data["role"] = role;
        }

        return data;
    }

    public async Task<AuthData> LoginAsync(string pkcs7, string? nonce = null, string? role = null, string? remoteAddress = ClientAddress)
    {
        var response = await SendAsync(Operations.Update, "login", LoginData(pkcs7, nonce, role), remoteAddress);
        return Assert.IsType<AuthData>(response?.Auth);
    }

    public async Task<AuthData> RenewAsync(AuthData auth)
    {
        var response = await SendAsync(Operations.Renew, "login", auth: auth);
        return Assert.IsType<AuthData>(response?.Auth);
    }

    public Task<AccessListEntry?> AccessListEntryAsync(string instanceId) =>
        StoredJson.ReadAsync(Storage, AccessList.Prefix + instanceId, StorageJsonContext.Default.AccessListEntry, CancellationToken.None);

    public Task<InstanceRecord?> RegistryRecordAsync(string instanceId) =>
        StoredJson.ReadAsync(Storage, InstanceRegistry.Prefix + instanceId, StorageJsonContext.Default.InstanceRecord, CancellationToken.None);

    /// <summary>Every storage key and its bytes, to compare before and after a request.</summary>
    public async Task<IReadOnlyDictionary<string, string>> StorageSnapshotAsync()
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in Storage.Keys)
        {
            var entry = await Storage.GetAsync(key, CancellationToken.None);
            snapshot[key] = Convert.ToBase64String(entry!.Value);
        }

        return snapshot;
    }

    private static string Pkcs7Of(VerifiedDocument document) =>
        $"MIAGCSqGSIb3DQEHAqCAMIACAQExCzAJBgUrDgMCGgUAMIAGCSqGSIb3DQEHAaCAJIAEggHb.{document.InstanceId}.{document.PendingTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
}
