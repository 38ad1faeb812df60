using System.Text.Json.Nodes;
using VaultEc2Auth.Identity;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// <see cref="Ec2AuthHarness"/> with the real identity verifier mounted: the test CA's certificates registered
/// through <c>config/certificate</c>, role <c>web</c> with the PKI templates, and every genuine proof's instance
/// running in the fake EC2, so a genuine body logs in and everything else must be refused with a 4xx.
/// </summary>
internal sealed class LoginFuzzHarness
{
    private readonly Ec2AuthHarness _plugin;
    private readonly RecordingVerifier _verifier;
    private readonly IReadOnlySet<VerifiedDocument> _genuine;

    private LoginFuzzHarness(Ec2AuthHarness plugin, RecordingVerifier verifier, IReadOnlySet<VerifiedDocument> genuine)
    {
        _plugin = plugin;
        _verifier = verifier;
        _genuine = genuine;
    }

    public Ec2AuthHarness Plugin => _plugin;

    public static async Task<LoginFuzzHarness> CreateAsync(FuzzSeeds seeds, IIdentityDocumentVerifier verifier)
    {
        var recording = new RecordingVerifier(verifier);
        var plugin = new Ec2AuthHarness(verifier: recording);
        await plugin.SetUpPkiRoleAsync();
        await RegisterAsync(plugin, "fuzz-dsa", seeds.Ca.DsaCertificatePem, "pkcs7");
        await RegisterAsync(plugin, "fuzz-rsa2048", seeds.Ca.Rsa2048CertificatePem, "pkcs7");
        await RegisterAsync(plugin, "fuzz-rsa", seeds.Ca.Rsa1024CertificatePem, "identity");
        // Vault's clock stands after every seed's pendingTime: a document from the future is refused before EC2 is asked.
        var latest = seeds.Proofs.Max(p => p.Document.PendingTime);
        if (latest > plugin.Clock.GetUtcNow())
        {
            plugin.Clock.SetUtcNow(latest.AddHours(1));
        }
        foreach (var document in seeds.Proofs.Select(p => p.Document).Distinct())
        {
            plugin.Launch(document.InstanceId, accountId: document.AccountId, region: document.Region, imageId: document.ImageId);
            // The fake EC2 describes each seed's instance as its document does, so a login stands or falls on the proof.
            plugin.Describer.Change(document.InstanceId, facts => facts with { AvailabilityZone = document.AvailabilityZone, LaunchTime = document.PendingTime });
        }

        return new LoginFuzzHarness(plugin, recording, seeds.Proofs.Select(p => p.Document).ToHashSet());
    }

    public Task<(FuzzOutcome Outcome, string Message)> LoginAsync(JsonObject body) =>
        LoginOracle.JudgeAsync(() => _plugin.SendAsync(Operations.Update, "login", (JsonObject)body.DeepClone()), _verifier, _genuine);

    private static async Task RegisterAsync(Ec2AuthHarness plugin, string name, string pem, string type)
    {
        await plugin.WriteAsync($"config/certificate/{name}", new JsonObject { ["aws_public_cert"] = pem, ["type"] = type });
    }
}
