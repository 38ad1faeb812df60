using System.Net;
using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Roles;

/// <summary>The <c>token_*</c> field table, parsing and read-back shared by every path that configures tokens.</summary>
public static class TokenFields
{
    public static IEnumerable<KeyValuePair<string, FieldSchema>> Schema() =>
    [
        new("token_ttl", new(FieldType.Duration, "The initial TTL of tokens issued by this role; 0 uses the mount's default.")),
        new("token_max_ttl", new(FieldType.Duration, "The maximum lifetime of tokens issued by this role; 0 uses the mount's maximum.")),
        new("token_explicit_max_ttl", new(FieldType.Duration, "A hard cap on token lifetime that renewals cannot extend.")),
        new("token_period", new(FieldType.Duration, "If set, tokens are periodic: each renewal resets the TTL to this value.")),
        new("token_policies", new(FieldType.CommaStringSlice, "Static policies added to every token, next to the instance's own generated policy.")),
        new("token_bound_cidrs", new(FieldType.CommaStringSlice, "CIDR blocks; tokens may be used only from these source addresses.")),
        new("token_no_default_policy", new(FieldType.Bool, "If true, the 'default' policy is not added to tokens.")),
        new("token_num_uses", new(FieldType.Int, "Maximum number of uses of a token; 0 is unlimited.")),
        new("token_type", new(FieldType.String, "The type of token: service, batch, default-service, default-batch or default.")
        {
            Default = "default",
            AllowedValues = ["default", "service", "batch", "default-service", "default-batch"],
        }),
        .. LegacyAliases.Select(alias => new KeyValuePair<string, FieldSchema>(alias.Key, new(Kind(alias.Value),
            $"Deprecated: use {alias.Value}. Accepted as its alias, as Vault's token helper does; giving both with different values is an error."))),
    ];

    /// <summary>The fields Vault's auth methods used before <c>token_*</c>, and the field each stands for.</summary>
    public static readonly IReadOnlyDictionary<string, string> LegacyAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["policies"] = "token_policies",
        ["ttl"] = "token_ttl",
        ["max_ttl"] = "token_max_ttl",
        ["period"] = "token_period",
        ["bound_cidrs"] = "token_bound_cidrs",
    };

    private static FieldType Kind(string tokenField) =>
        tokenField is "token_policies" or "token_bound_cidrs" ? FieldType.CommaStringSlice : FieldType.Duration;

    /// <summary>Fields given in the request override <paramref name="existing"/>; others keep their value.</summary>
    public static TokenSettings Parse(FieldData fields, TokenSettings existing)
    {
        var source = LegacyAliases.ToDictionary(alias => alias.Value, alias => Source(fields, alias.Value, alias.Key), StringComparer.Ordinal);
        long Seconds(string name, long current) =>
            fields.IsSet(source.GetValueOrDefault(name, name)) ? (long)fields.GetDuration(source.GetValueOrDefault(name, name)).TotalSeconds : current;

        var settings = new TokenSettings(
            TtlSeconds: Seconds("token_ttl", existing.TtlSeconds),
            MaxTtlSeconds: Seconds("token_max_ttl", existing.MaxTtlSeconds),
            ExplicitMaxTtlSeconds: Seconds("token_explicit_max_ttl", existing.ExplicitMaxTtlSeconds),
            PeriodSeconds: Seconds("token_period", existing.PeriodSeconds),
            Policies: fields.IsSet(source["token_policies"]) ? Policies(fields.GetStringList(source["token_policies"])) : existing.Policies,
            BoundCidrs: fields.IsSet(source["token_bound_cidrs"]) ? Cidrs(fields.GetStringList(source["token_bound_cidrs"])) : existing.BoundCidrs,
            NoDefaultPolicy: fields.IsSet("token_no_default_policy") ? fields.GetBool("token_no_default_policy") : existing.NoDefaultPolicy,
            NumUses: fields.IsSet("token_num_uses") ? fields.GetInt("token_num_uses") : existing.NumUses,
            Type: fields.IsSet("token_type") ? fields.GetString("token_type")! : existing.Type);

        if (settings.MaxTtlSeconds > 0 && settings.TtlSeconds > settings.MaxTtlSeconds)
        {
            throw RequestException.BadRequest("token_ttl cannot be greater than token_max_ttl");
        }

        if (settings.NumUses < 0)
        {
            throw RequestException.BadRequest("token_num_uses cannot be negative");
        }

        return settings;
    }

    /// <summary>Which of a <c>token_*</c> field and its legacy alias the request gave; both with different values is an error.</summary>
    private static string Source(FieldData fields, string tokenField, string legacy)
    {
        if (!fields.IsSet(legacy))
        {
            return tokenField;
        }

        if (fields.IsSet(tokenField))
        {
            var same = Kind(tokenField) == FieldType.Duration
                ? fields.GetDuration(tokenField) == fields.GetDuration(legacy)
                : fields.GetStringList(tokenField).SequenceEqual(fields.GetStringList(legacy), StringComparer.Ordinal);
            if (!same)
            {
                throw RequestException.BadRequest($"{legacy} and {tokenField} have different values: give only {tokenField} ({legacy} is its deprecated alias)");
            }
        }

        return legacy;
    }

    public static void Write(TokenSettings settings, JsonObject data)
    {
        data["token_ttl"] = settings.TtlSeconds;
        data["token_max_ttl"] = settings.MaxTtlSeconds;
        data["token_explicit_max_ttl"] = settings.ExplicitMaxTtlSeconds;
        data["token_period"] = settings.PeriodSeconds;
        data["token_policies"] = Strings(settings.Policies);
        data["token_bound_cidrs"] = Strings(settings.BoundCidrs);
        data["token_no_default_policy"] = settings.NoDefaultPolicy;
        data["token_num_uses"] = settings.NumUses;
        data["token_type"] = settings.Type;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode)value)]);

    private static List<string> Policies(IReadOnlyList<string> names)
    {
        var policies = names.Select(name => name.Trim().ToLowerInvariant()).Where(name => name.Length > 0).Distinct().ToList();
        if (policies.Contains("root"))
        {
            throw RequestException.BadRequest("token_policies cannot contain root");
        }

        return policies;
    }

    private static List<string> Cidrs(IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            if (!IPNetwork.TryParse(value, out _) && !IPAddress.TryParse(value, out _))
            {
                throw RequestException.BadRequest($"token_bound_cidrs: '{value}' is not an IP address or CIDR block");
            }
        }

        return [.. values];
    }
}
