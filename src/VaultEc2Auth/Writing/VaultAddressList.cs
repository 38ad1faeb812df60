using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Writing;

/// <summary>
/// <c>config/vault</c> <c>address</c>: one Vault API address (a load balancer in front of the cluster), or every
/// node's, comma-separated, which the writer tries in turn until one can serve.
/// </summary>
public static class VaultAddressList
{
    /// <summary>More nodes than any Vault cluster runs; bounds how long one request can spend failing over.</summary>
    public const int MaxAddresses = 16;

    /// <summary>The addresses in the order written, each trimmed of spaces and trailing slashes.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var addresses = text.Split(',').Select(address => address.Trim().TrimEnd('/')).ToList();
        if (addresses.Any(address => address.Length == 0))
        {
            throw RequestException.BadRequest("address must be one URL or several separated by commas, with none empty");
        }

        if (addresses.Count > MaxAddresses)
        {
            throw RequestException.BadRequest($"address lists {addresses.Count} URLs; at most {MaxAddresses} are allowed");
        }

        if (addresses.Distinct(StringComparer.OrdinalIgnoreCase).Count() != addresses.Count)
        {
            throw RequestException.BadRequest("address lists the same URL twice");
        }

        return addresses;
    }

    /// <summary>The stored and read-back form: the addresses joined by commas.</summary>
    public static string Join(IEnumerable<string> addresses) => string.Join(',', addresses);
}
