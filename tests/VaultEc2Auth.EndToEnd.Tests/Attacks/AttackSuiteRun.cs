using System.Text;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests.Attacks;

/// <summary>
/// Runs the whole attack scenario once through vault-host and the published binary (protocol 5), keeping what the
/// per-case tests inspect: each step's line, what the fake Vault received and holds, and the plugin's storage.
/// </summary>
public sealed class AttackSuiteRun : IAsyncLifetime
{
    private AttackPeers? _peers;
    private string? _storageFile;

    private string? _missing;
    private AttackScenario? _scenario;
    private VaultHostRun? _run;
    private IReadOnlyDictionary<string, string> _storage = new Dictionary<string, string>();

    internal AttackScenario Scenario => Ran(_scenario);

    internal VaultHostRun Run => Ran(_run);

    /// <summary>The plugin's storage after the run: key → UTF-8 value.</summary>
    internal IReadOnlyDictionary<string, string> Storage => Ran(_storage);

    internal AttackPeers Peers => Ran(_peers);

    public async ValueTask InitializeAsync()
    {
        // Without the published plugin or vault-host (a plain `dotnet test`), every test skips, naming what is missing.
        _missing = Artifacts.MissingReason();
        if (_missing is not null)
        {
            return;
        }

        _peers = await AttackPeers.StartAsync();
        _scenario = new AttackScenario(_peers);
        // A writer whose token Vault no longer honours for this instance's policy: the login must undo its writes.
        _peers.Vault.FailPath("sys/policies/acl/ec2-instance-" + AttackPeers.Hash(AttackPeers.InstanceId(40)), 403, "permission denied");
        _storageFile = Path.Combine(Path.GetTempPath(), $"attack-storage-{Guid.NewGuid():N}.json");
        _run = await VaultHostRun.RunAsync(_scenario.Text(), $"--protocols 5 --storage-file {_storageFile}");
        _storage = File.Exists(_storageFile)
            ? (JsonNode.Parse(await File.ReadAllTextAsync(_storageFile)) as JsonObject ?? [])
                .ToDictionary(entry => entry.Key, entry => Encoding.UTF8.GetString(Convert.FromBase64String(entry.Value!.GetValue<string>())), StringComparer.Ordinal)
            : new Dictionary<string, string>();
    }

    private T Ran<T>(T? value) where T : class
    {
        if (_missing is not null)
        {
            Assert.Skip(_missing);
        }

        return value!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_peers is not null)
        {
            await _peers.DisposeAsync();
        }

        if (_storageFile is not null)
        {
            File.Delete(_storageFile);
        }
    }
}
