using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;
using VaultEc2Auth.TestSupport.Gce;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// The peers a GCE login needs, on loopback: a fake Google (signing keys, OAuth2 token endpoint, Compute API) with
/// two instances running as one service account, a key pair playing Google's signer, the plugin's own
/// service-account key, and a fake Vault for the writer.
/// </summary>
internal sealed class GceLoginPeers : IAsyncDisposable
{
    public const string Project = "fleet-prod-123";
    public const string Zone = "europe-west1-b";
    public const string ServiceAccount = "web@fleet-prod-123.iam.gserviceaccount.com";
    public const string Audience = "https://vault.example.com/v1/auth/gce";
    public const string WriterToken = "writer-token-gce-e2e";

    private GceLoginPeers(FakeGoogleServer google, TestGoogleSigner signer, TestServiceAccountKey key, FakeVaultServer vault)
    {
        Google = google;
        Signer = signer;
        Key = key;
        Vault = vault;
    }

    public FakeGoogleServer Google { get; }
    public TestGoogleSigner Signer { get; }
    public TestServiceAccountKey Key { get; }
    public FakeVaultServer Vault { get; }

    public FakeGceInstance Running { get; } = Instance("4570452845155348778", "web-1", "10.132.0.11");
    public FakeGceInstance Doomed { get; } = Instance("4570452845155348779", "web-2", "10.132.0.12");

    public static async Task<GceLoginPeers> StartAsync()
    {
        var google = new FakeGoogleServer();
        await google.StartAsync();
        var signer = new TestGoogleSigner();
        google.PublishKeys(signer);
        var key = TestServiceAccountKey.Create(google.TokenUri, $"vault-describer@{Project}.iam.gserviceaccount.com");
        google.RegisterServiceAccount(key);
        var vault = new FakeVaultServer(WriterToken);
        await vault.StartAsync();
        var peers = new GceLoginPeers(google, signer, key, vault);
        google.AddInstance(peers.Running);
        google.AddInstance(peers.Doomed);
        return peers;
    }

    private static FakeGceInstance Instance(string id, string name, string ip) => new(Project, Zone, id, name)
    {
        ServiceAccounts = [ServiceAccount],
        NetworkIp = ip,
    };

    /// <summary>GCE's default internal DNS name: what <c>FQDN</c> is for an instance without a custom hostname.</summary>
    public static string Fqdn(FakeGceInstance instance) => $"{instance.Name}.{Zone}.c.{Project}.internal";

    /// <summary>Same definition as the plugin's InstanceHash for GCE: over project, zone and instance id.</summary>
    public static string Hash(FakeGceInstance instance) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Project}:{Zone}:{instance.Id}")))[..32];

    /// <summary>A token as the metadata server mints it for <paramref name="instance"/>, issued <paramref name="age"/> ago.</summary>
    public string TokenFor(FakeGceInstance instance, TimeSpan age) =>
        Signer.Mint(TestGoogleSigner.IdentityClaims(instance, Audience, DateTimeOffset.UtcNow - age));

    /// <summary>config/client for GCE against the fake Google, with the plugin's service-account key.</summary>
    public JsonObject ClientConfig() => new()
    {
        ["cloud_provider"] = "gce",
        ["gce_credentials"] = Key.Json,
        ["gce_project"] = Project,
        ["gce_audience"] = Audience,
        ["gce_compute_endpoint"] = Google.ComputeEndpoint,
        ["gce_certs_endpoint"] = Google.CertsUri.AbsoluteUri,
    };

    public async ValueTask DisposeAsync()
    {
        await Google.DisposeAsync();
        await Vault.DisposeAsync();
        Signer.Dispose();
        Key.Dispose();
    }
}
