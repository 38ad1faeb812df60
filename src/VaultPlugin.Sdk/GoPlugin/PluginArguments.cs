namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// The Go SDK's plugin flags an operator may register with <c>-args</c>, used only to reach Vault's API for
/// the unwrap: <c>-ca-cert</c>, <c>-ca-path</c>, <c>-tls-skip-verify</c>, <c>-tls-server-name</c>.
/// Unknown arguments are ignored, as Go's flag set for plugins does with <c>ContinueOnError</c> callers.
/// </summary>
internal sealed record PluginArguments(string? CaCert, string? CaPath, bool TlsSkipVerify, string? TlsServerName)
{
    public static PluginArguments Parse(IReadOnlyList<string> args)
    {
        string? caCert = null, caPath = null, serverName = null;
        var skipVerify = false;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = Split(args[i]);
            string? Next() => value ?? (i + 1 < args.Count ? args[++i] : null);
            switch (name)
            {
                case "ca-cert": caCert = Next(); break;
                case "ca-path": caPath = Next(); break;
                case "tls-server-name": serverName = Next(); break;
                case "tls-skip-verify":
                    skipVerify = value is null || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
                    break;
            }
        }

        return new PluginArguments(caCert, caPath, skipVerify, serverName);
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var trimmed = arg.TrimStart('-');
        var equals = trimmed.IndexOf('=');
        return equals < 0 ? (trimmed, null) : (trimmed[..equals], trimmed[(equals + 1)..]);
    }
}
