using System.Security.Cryptography;
using System.Text;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Config;

/// <summary>
/// The original specification's spellings of three <c>config/client</c> fields: <c>aws_access_id</c>,
/// <c>aws_secret_id</c> and <c>aws_region</c>. Either spelling may be written; storage and reads use only the
/// canonical name; both spellings with different values are refused.
/// </summary>
public static class ClientConfigAliases
{
    private static readonly Dictionary<string, string> AliasOf = new(StringComparer.Ordinal)
    {
        ["access_key"] = "aws_access_id",
        ["secret_key"] = "aws_secret_id",
        ["region"] = "aws_region",
    };

    /// <summary>The alias fields, declared with the canonical field's type, bounds and sensitivity.</summary>
    public static IEnumerable<KeyValuePair<string, FieldSchema>> Schema(IReadOnlyDictionary<string, FieldSchema> canonical) =>
        AliasOf.Select(pair => KeyValuePair.Create(pair.Value, canonical[pair.Key] with { Description = $"Alias of {pair.Key}." }));

    public static bool IsSet(FieldData fields, string name) =>
        fields.IsSet(name) || (AliasOf.TryGetValue(name, out var alias) && fields.IsSet(alias));

    /// <summary>The value given under either spelling of <paramref name="name"/>; a 400 when both are given and differ.</summary>
    public static string? GetString(FieldData fields, string name)
    {
        if (!AliasOf.TryGetValue(name, out var alias) || !fields.IsSet(alias))
        {
            return fields.GetString(name);
        }
        var aliased = fields.GetString(alias);
        if (fields.IsSet(name) && !SameText(fields.GetString(name), aliased))
        {
            throw RequestException.BadRequest($"{name} and {alias} name the same setting but were given different values");
        }
        return aliased;
    }

    /// <summary>Constant time: one of the pairs is the secret key.</summary>
    private static bool SameText(string? left, string? right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left ?? ""), Encoding.UTF8.GetBytes(right ?? ""));
}
