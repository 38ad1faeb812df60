using System.Diagnostics;
using VaultEc2Auth.Aws.Identity;
using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// A seeded, deterministic mutation run: each input picks a target and a genuine proof with one
/// <see cref="Random"/>, is mutated, sent to the verifier or the backend's login path, and judged. The same seed
/// gives the same mutations; only the test CA's keys (and so its signatures) are new in every run.
/// </summary>
internal static class FuzzCampaign
{
    /// <summary>Login inputs before the backend is mounted afresh, so that its log and storage stay small.</summary>
    private const int LoginsPerHarness = 10_000;

    // Shares in 100: DER mutation reaches the ASN.1 reader hardest and is cheap; signing mutated JSON (DocumentJson),
    // trying every RSA key (IdentitySignature) and the whole login path cost several times more per input.
    private static readonly (FuzzTarget Target, int Weight)[] Weights =
    [
        (FuzzTarget.Pkcs7Base64, 24),
        (FuzzTarget.Pkcs7Pem, 12),
        (FuzzTarget.Pkcs7Der, 40),
        (FuzzTarget.DocumentJson, 4),
        (FuzzTarget.IdentitySignature, 8),
        (FuzzTarget.LoginBody, 12),
    ];

    /// <param name="progress">Called every <paramref name="progressEvery"/> inputs with the report so far (a long run that is cut short still says how far it got).</param>
    public static async Task<FuzzReport> RunAsync(int seed, long inputs, Action<FuzzReport>? progress = null, long progressEvery = 10_000)
    {
        var verifier = new IdentityDocumentVerifier();
        var seeds = FuzzSeeds.Create(verifier);
        var genuine = seeds.Proofs.Select(p => p.Document).ToHashSet();
        var mutator = new ProofMutator(seeds.Ca);
        var random = new Random(seed);
        var report = new FuzzReport(seed);
        LoginFuzzHarness? login = null;
        var logins = 0;
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < inputs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var target = Pick(random);
            var proof = seeds.Proofs[random.Next(seeds.Proofs.Count)];
            if (target == FuzzTarget.LoginBody)
            {
                if (login is null || logins++ % LoginsPerHarness == 0)
                {
                    login = await LoginFuzzHarness.CreateAsync(seeds, verifier);
                }

                var body = LoginBodyMutator.Mutate(random, proof);
                var (outcome, message) = await login.LoginAsync(body);
                report.Add(new FuzzResult(target, proof, outcome, message, LoginCase(proof, body)), Stopwatch.GetElapsedTime(started));
            }
            else
            {
                var mutated = mutator.Mutate(random, target, proof);
                var (outcome, message) = VerifierOracle.Judge(() => verifier.Verify(mutated.Proof, seeds.Certificates), genuine, mutated.FreshlySigned);
                report.Add(new FuzzResult(target, proof, outcome, message, mutated.Case), Stopwatch.GetElapsedTime(started));
            }

            if (progress is not null && (i + 1) % progressEvery == 0)
            {
                report.Elapsed = clock.Elapsed;
                progress(report);
            }
        }

        report.Elapsed = clock.Elapsed;
        return report;
    }

    private static System.Text.Json.Nodes.JsonObject LoginCase(GenuineProof proof, System.Text.Json.Nodes.JsonObject body) =>
        new() { ["target"] = nameof(FuzzTarget.LoginBody), ["seed"] = proof.Name, ["body"] = body };

    private static FuzzTarget Pick(Random random)
    {
        var roll = random.Next(100);
        foreach (var (target, weight) in Weights)
        {
            if (roll < weight)
            {
                return target;
            }

            roll -= weight;
        }

        return FuzzTarget.LoginBody;
    }
}
