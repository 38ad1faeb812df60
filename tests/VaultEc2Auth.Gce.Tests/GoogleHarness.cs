using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using VaultEc2Auth.Gce.Identity;
using VaultEc2Auth.Gce.Instances;
using VaultEc2Auth.Instances;
using VaultEc2Auth.TestSupport.Gce;

namespace VaultEc2Auth.Gce.Tests;

/// <summary>A fake Google with one published signing key, a clock the tests move, and adapters pointed at both.</summary>
internal sealed class GoogleHarness : IAsyncDisposable
{
    public const string Audience = "https://vault.example.com:8200/vault/gce-login";

    private GoogleHarness()
    {
    }

    public FakeGoogleServer Google { get; } = new();

    public TestGoogleSigner Signer { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task<GoogleHarness> StartAsync()
    {
        var harness = new GoogleHarness();
        await harness.Google.StartAsync();
        harness.Google.PublishKeys(harness.Signer);
        harness.Google.Clock = harness.Time.GetUtcNow;
        return harness;
    }

    public CloudClientSettings Settings(string? credentials = null, string? audience = Audience) =>
        CloudClientSettings.Default with
        {
            CloudProvider = "gce",
            GceAudience = audience,
            GceCertsEndpoint = Google.CertsUri.AbsoluteUri,
            GceComputeEndpoint = Google.ComputeEndpoint,
            GceCredentials = credentials,
        };

    public GceIdentityTokenVerifier Verifier() => new(Http, Time);

    /// <summary>Retries without waiting: the backoff's length is not what these tests pin.</summary>
    public GceInstanceDescriber Describer(HttpClient? http = null) => new(http ?? Http, Time, Google.MetadataTokenUri, _ => TimeSpan.Zero);

    public JsonObject Claims(FakeGceInstance instance) => TestGoogleSigner.IdentityClaims(instance, Audience, Time.GetUtcNow());

    public string TokenFor(FakeGceInstance instance, Action<JsonObject>? edit = null)
    {
        var claims = Claims(instance);
        edit?.Invoke(claims);
        return Signer.Mint(claims);
    }

    public async ValueTask DisposeAsync()
    {
        await Google.DisposeAsync();
        Signer.Dispose();
        Http.Dispose();
    }
}
