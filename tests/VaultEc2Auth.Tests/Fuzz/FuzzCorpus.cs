using System.Text.Json;
using System.Text.Json.Nodes;
using VaultEc2Auth.Aws.Identity;
using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// The kept fuzz cases in <c>Fuzz/FuzzCorpus/*.json</c>, replayed through the same oracles: each names its target,
/// the genuine proof it came from, the input, and what it must get (<c>expect</c>: <c>accepted</c> or
/// <c>rejected</c>, with an optional <c>message</c> the error must contain).
/// </summary>
internal sealed class FuzzCorpus
{
    private readonly IdentityDocumentVerifier _verifier = new();
    private readonly FuzzSeeds _seeds;
    private readonly IReadOnlySet<VerifiedDocument> _genuine;

    private FuzzCorpus()
    {
        _seeds = FuzzSeeds.Create(_verifier);
        _genuine = _seeds.Proofs.Select(p => p.Document).ToHashSet();
    }

    /// <summary>One instance for every case: creating the test CA (DSA keys) is slow.</summary>
    public static FuzzCorpus Shared => s_shared.Value;

    private static readonly Lazy<FuzzCorpus> s_shared = new(() => new FuzzCorpus());

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fuzz", "FuzzCorpus");

    public static IEnumerable<string> CaseNames() =>
        Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")), documentOptions: new JsonDocumentOptions { MaxDepth = 1024 })!.AsObject();

    public async Task<(FuzzOutcome Outcome, string Message)> ReplayAsync(JsonObject testCase)
    {
        var target = Enum.Parse<FuzzTarget>(testCase["target"]!.GetValue<string>());
        if (target == FuzzTarget.LoginBody)
        {
            var login = await LoginFuzzHarness.CreateAsync(_seeds, _verifier);
            return await login.LoginAsync(testCase["body"]!.AsObject());
        }

        var proof = testCase["pkcs7"] is { } pkcs7
            ? IdentityProof.FromPkcs7(pkcs7.GetValue<string>())
            : IdentityProof.FromIdentity(testCase["identity"]!.GetValue<string>(), testCase["signature"]!.GetValue<string>());
        return VerifierOracle.Judge(() => _verifier.Verify(proof, _seeds.Certificates), _genuine, target == FuzzTarget.DocumentJson);
    }
}
