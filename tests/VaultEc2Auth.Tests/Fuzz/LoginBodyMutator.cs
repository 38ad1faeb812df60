using System.Text.Json.Nodes;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>
/// Login request bodies built from a genuine proof and then broken the ways a client (or attacker) can break JSON:
/// a field of the wrong type (number, bool, null, list, object, deep nesting), too long, empty, missing, both proof
/// forms at once, unknown fields, odd roles and nonces, and a mutated proof.
/// </summary>
internal static class LoginBodyMutator
{
    public const string Nonce = "fuzz-nonce-5f1d2c";

    private static readonly string[] Fields = ["pkcs7", "identity", "signature", "nonce", "role"];

    private static readonly string[] Roles = ["web", "WEB", "", " ", "../web", "web/", "*", "web\0", "nonexistent", new('r', 129), "\u00e9t\u00e9"];

    public static JsonObject Mutate(Random random, GenuineProof seed)
    {
        var body = Genuine(seed);
        var rounds = 1 + random.Next(3);
        for (var round = 0; round < rounds; round++)
        {
            MutateOnce(random, body, seed);
        }

        return body;
    }

    /// <summary>The body a well-behaved instance sends for <paramref name="seed"/>.</summary>
    public static JsonObject Genuine(GenuineProof seed)
    {
        var body = new JsonObject { ["nonce"] = Nonce };
        if (seed.Proof.Pkcs7 is { } pkcs7)
        {
            body["pkcs7"] = pkcs7;
        }
        else
        {
            body["identity"] = seed.Proof.Identity;
            body["signature"] = seed.Proof.Signature;
        }

        return body;
    }

    private static void MutateOnce(Random random, JsonObject body, GenuineProof seed)
    {
        var field = Fields[random.Next(Fields.Length)];
        switch (random.Next(9))
        {
            case 0:
                body[field] = RandomValue(random, depth: 0);
                break;
            case 1:
                // A list or object wrapping the genuine value.
                body[field] = random.Next(2) == 0
                    ? new JsonArray(body[field]?.DeepClone() ?? JsonValue.Create(""))
                    : new JsonObject { ["value"] = body[field]?.DeepClone() };
                break;
            case 2:
                body.Remove(field);
                break;
            case 3:
                body[$"unknown_{random.Next(1000)}"] = RandomValue(random, depth: 0);
                break;
            case 4:
                // Both proof forms at once.
                body["pkcs7"] ??= seed.Proof.Pkcs7 ?? "MIAGCSqGSIb3DQEHAqCAMIACAQEx";
                body["identity"] ??= seed.Proof.Identity ?? "e30=";
                body["signature"] ??= seed.Proof.Signature ?? "AA==";
                break;
            case 5:
                body["role"] = Roles[random.Next(Roles.Length)];
                break;
            case 6:
                body["nonce"] = random.Next(3) switch { 0 => "", 1 => new string('n', 4096 + random.Next(2)), _ => TextMutator.Mutate(random, Nonce) };
                break;
            case 7:
                if (body[field] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    body[field] = TextMutator.Mutate(random, text);
                }
                break;
            default:
                body[field] = Nested(random, 1 + random.Next(200));
                break;
        }
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 3 ? 7 : 9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
        3 => JsonValue.Create(random.Next(2) == 0 ? double.MaxValue : -0.5),
        4 => JsonValue.Create(""),
        5 => JsonValue.Create(new string('A', random.Next(2) == 0 ? 65537 : 1 + random.Next(64))),
        6 => JsonValue.Create(long.MaxValue),
        7 => new JsonArray(RandomValue(random, depth + 1), RandomValue(random, depth + 1)),
        _ => new JsonObject { ["k"] = RandomValue(random, depth + 1) },
    };

    private static JsonNode Nested(Random random, int depth)
    {
        JsonNode node = JsonValue.Create("x");
        for (var i = 0; i < depth; i++)
        {
            node = random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { ["n"] = node };
        }

        return node;
    }
}
