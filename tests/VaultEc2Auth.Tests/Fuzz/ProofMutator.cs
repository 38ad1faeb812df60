using System.Text;
using System.Text.Json.Nodes;
using VaultEc2Auth.Identity;
using VaultEc2Auth.TestSupport.Cms;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// Makes one mutated identity proof for a verifier target from a genuine one, with the corpus case that replays it.
/// <see cref="Mutated.FreshlySigned"/> marks documents the test CA signed after mutating their JSON.
/// </summary>
internal sealed class ProofMutator(TestIdentityCa ca)
{
    private static readonly DateTimeOffset SigningTime = new(2026, 1, 2, 3, 4, 7, TimeSpan.Zero);

    internal sealed record Mutated(IdentityProof Proof, bool FreshlySigned, JsonObject Case);

    public Mutated Mutate(Random random, FuzzTarget target, GenuineProof seed) => target switch
    {
        FuzzTarget.Pkcs7Base64 => Pkcs7(target, seed, TextMutator.Mutate(random, Base64Of(random, seed))),
        FuzzTarget.Pkcs7Pem => Pkcs7(target, seed, TextMutator.Mutate(random, TestIdentityCa.WithPemArmour(Base64Of(random, seed)))),
        FuzzTarget.Pkcs7Der => Pkcs7(target, seed, Wrap(random, Convert.ToBase64String(ByteMutator.Mutate(random, DerOf(random, seed))))),
        FuzzTarget.DocumentJson => SignMutatedJson(random, seed),
        FuzzTarget.IdentitySignature => MutateRawPair(random, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "not a verifier target"),
    };

    public static JsonObject CaseOf(FuzzTarget target, GenuineProof seed, IdentityProof proof)
    {
        var result = new JsonObject { ["target"] = target.ToString(), ["seed"] = seed.Name };
        if (proof.Pkcs7 is not null)
        {
            result["pkcs7"] = proof.Pkcs7;
        }
        else
        {
            result["identity"] = proof.Identity;
            result["signature"] = proof.Signature;
        }

        return result;
    }

    private static Mutated Pkcs7(FuzzTarget target, GenuineProof seed, string text)
    {
        var proof = IdentityProof.FromPkcs7(text);
        return new Mutated(proof, false, CaseOf(target, seed, proof));
    }

    /// <summary>The seed's PKCS#7 as base64 (a raw seed has none: a PKCS#7 seed is used in its place).</summary>
    private static string Base64Of(Random random, GenuineProof seed) =>
        seed.Proof.Pkcs7 ?? Wrap(random, Convert.ToBase64String(DerOf(random, seed)));

    private static byte[] DerOf(Random random, GenuineProof seed) =>
        seed.Der ?? Encoding.UTF8.GetBytes(seed.Json.PadRight(random.Next(2048), ' '));

    private static string Wrap(Random random, string base64)
    {
        var width = random.Next(4) switch { 0 => 0, 1 => 64, 2 => 76, _ => 1 + random.Next(200) };
        if (width == 0)
        {
            return base64;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < base64.Length; i += width)
        {
            builder.Append(base64.AsSpan(i, Math.Min(width, base64.Length - i))).Append('\n');
        }

        return builder.ToString();
    }

    private Mutated SignMutatedJson(Random random, GenuineProof seed)
    {
        var json = TextMutator.Mutate(random, seed.Json);
        var options = new Pkcs7Options { SigningTime = SigningTime };
        // RSA-2048 signing is the slowest of the three: one in five.
        var proof = random.Next(5) switch
        {
            0 or 1 => IdentityProof.FromPkcs7(ca.SignPkcs7Dsa(json, options)),
            2 => IdentityProof.FromPkcs7(ca.SignRsa2048(json, options)),
            _ => RawPair(ca.SignRaw(json)),
        };
        var result = CaseOf(FuzzTarget.DocumentJson, seed, proof);
        result["document"] = json;
        return new Mutated(proof, true, result);
    }

    private static Mutated MutateRawPair(Random random, GenuineProof seed)
    {
        var (identity, signature) = seed.Proof.Identity is { } i
            ? (i, seed.Proof.Signature!)
            : (Convert.ToBase64String(Encoding.UTF8.GetBytes(seed.Json)), Convert.ToBase64String(seed.Der!.AsSpan(seed.Der!.Length - 128).ToArray()));
        switch (random.Next(4))
        {
            case 0:
                identity = TextMutator.Mutate(random, identity);
                break;
            case 1:
                identity = Convert.ToBase64String(ByteMutator.Mutate(random, Encoding.UTF8.GetBytes(seed.Json)));
                break;
            case 2:
                signature = TextMutator.Mutate(random, signature);
                break;
            default:
                signature = Convert.ToBase64String(ByteMutator.Mutate(random, Convert.FromBase64String(signature)));
                break;
        }

        var proof = IdentityProof.FromIdentity(identity, signature);
        return new Mutated(proof, false, CaseOf(FuzzTarget.IdentitySignature, seed, proof));
    }

    private static IdentityProof RawPair((string Identity, string Signature) pair) => IdentityProof.FromIdentity(pair.Identity, pair.Signature);
}
