using System.Text;
using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;

namespace VaultEc2Auth.VaultHttp.Tests;

/// <summary>
/// One real Vault 0.10.1 dev server for the real-Vault tests, with <c>pki</c> mounted. A missing binary fails
/// those tests with a clear message, unless <c>VAULT_REAL_TESTS=skip</c> says to skip them.
/// </summary>
public sealed class RealVaultFixture : IAsyncLifetime
{
    private VaultDevServer? server;
    private string unavailable = "";

    public async ValueTask InitializeAsync()
    {
        var binary = VaultDevServer.ExpectedBinaryPath();
        if (!File.Exists(binary))
        {
            unavailable = $"the real Vault 0.10.1 binary is missing at {binary} (the repository's ../shared/vault-0.10.1/vault)";
            return;
        }
        server = await VaultDevServer.StartAsync(binary);
        using var root = server.CreateRootClient();
        using var mount = await root.PostAsync("sys/mounts/pki", Json(new JsonObject { ["type"] = "pki" }));
        mount.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>The running server; otherwise fails the test, or skips it when VAULT_REAL_TESTS=skip.</summary>
    public VaultDevServer Require()
    {
        if (server is not null)
        {
            return server;
        }

        if (Environment.GetEnvironmentVariable("VAULT_REAL_TESTS") == "skip")
        {
            Assert.Skip($"{unavailable}; skipped because VAULT_REAL_TESTS=skip");
        }

        Assert.Fail($"{unavailable}. Provide it, or set VAULT_REAL_TESTS=skip to skip the real-Vault tests.");
        throw new InvalidOperationException("unreachable: Assert.Fail throws");
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
