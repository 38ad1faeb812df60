using System.Security.Cryptography.X509Certificates;
using VaultPlugin.Sdk.GoPlugin;

namespace VaultPlugin.Sdk.Tests.GoPlugin.Peers;

/// <summary>The environments a host starts a plugin with (docs/protocol.md §1.1–1.2), as Vault 1.19 sets them.</summary>
internal static class PluginEnvironments
{
    /// <summary>Vault's first attempt (v5): go-plugin's AutoMTLS with the host certificate in PEM.</summary>
    public static Dictionary<string, string> AutoMtls(X509Certificate2 hostCertificate, string versions = "5") => new(Common(versions))
    {
        ["PLUGIN_CLIENT_CERT"] = hostCertificate.ExportCertificatePem() + "\n",
        ["VAULT_PLUGIN_AUTOMTLS_ENABLED"] = "true",
        ["VAULT_PLUGIN_METADATA_MODE"] = "false",
    };

    /// <summary>The v4 metadata probe: plaintext.</summary>
    public static Dictionary<string, string> Metadata(string? versions = "3,4") => new(Common(versions))
    {
        ["VAULT_PLUGIN_AUTOMTLS_ENABLED"] = "false",
        ["VAULT_PLUGIN_METADATA_MODE"] = "true",
    };

    /// <summary>The lazily started v4 process: TLS from the wrapped certificate.</summary>
    public static Dictionary<string, string> Unwrap(string token, string versions = "4,3") => new(Common(versions))
    {
        ["VAULT_PLUGIN_AUTOMTLS_ENABLED"] = "false",
        ["VAULT_PLUGIN_METADATA_MODE"] = "false",
        ["VAULT_UNWRAP_TOKEN"] = token,
    };

    private static Dictionary<string, string> Common(string? versions)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PluginEnvironment.MagicCookieKey] = PluginEnvironment.MagicCookieValue,
            ["PLUGIN_MIN_PORT"] = "10000",
            ["PLUGIN_MAX_PORT"] = "25000",
            ["VAULT_VERSION"] = "1.19.0",
        };
        if (versions is not null)
        {
            environment["PLUGIN_PROTOCOL_VERSIONS"] = versions;
        }

        return environment;
    }
}
