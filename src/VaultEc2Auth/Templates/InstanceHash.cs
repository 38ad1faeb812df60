using System.Security.Cryptography;
using System.Text;

namespace VaultEc2Auth.Templates;

/// <summary>The per-instance identifier templates use to name what belongs to one instance alone.</summary>
public static class InstanceHash
{
    /// <summary>
    /// First 32 characters of the lowercase hex SHA-256 of the UTF-8 string
    /// <c>&lt;accountId&gt;:&lt;region&gt;:&lt;instanceId&gt;</c>. Instance IDs are unique only within an account and
    /// region, so all three go in; the result is 128 bits, safe to use in policy names and Vault paths
    /// (<c>[0-9a-f]{32}</c>), and stable across logins of the same instance.
    /// </summary>
    public static string Compute(string accountId, string region, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(instanceId);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{accountId}:{region}:{instanceId}"));
        return Convert.ToHexStringLower(digest)[..32];
    }
}
