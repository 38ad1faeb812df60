namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>Picks the app protocol version the way go-plugin's server does (docs/protocol.md §1.3).</summary>
internal static class ProtocolNegotiation
{
    /// <summary>Versions this plugin serves: 3 is identical to 4 and is what older Vault servers offer.</summary>
    public static readonly IReadOnlyList<int> Supported = [5, 4, 3];

    /// <summary>
    /// The highest supported version the host offered; with no list at all (Vault 0.10.x) the host means 3.
    /// Null when the host offered none of ours.
    /// </summary>
    public static int? Choose(string? offered)
    {
        if (string.IsNullOrWhiteSpace(offered))
        {
            return 3;
        }

        var versions = new HashSet<int>();
        foreach (var part in offered.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        foreach (var candidate in Supported)
        {
            if (versions.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
