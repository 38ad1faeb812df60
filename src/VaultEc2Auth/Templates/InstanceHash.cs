using System.Security.Cryptography;
using System.Text;

namespace VaultEc2Auth.Templates;

/// <summary>
/// The per-instance name part templates use: the first 32 characters of the lowercase hex SHA-256 of the UTF-8
/// string <c>&lt;accountId&gt;:&lt;region&gt;:&lt;instanceId&gt;</c>. Stable for one instance, unique across
/// accounts and regions (instance ids are unique only within a region of one account), and it does not reveal
/// the instance id in policy names.
/// </summary>
public static class InstanceHash
{
    public static string Compute(string accountId, string region, string instanceId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{accountId}:{region}:{instanceId}"));
        return Convert.ToHexStringLower(digest)[..32];
    }
}
