namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// Everything the host tells the plugin process through its environment (docs/protocol.md §1.2). OpenBao sets both
/// <c>BAO_x</c> and <c>VAULT_x</c>; <c>BAO_x</c> wins, as OpenBao's own SDK does.
/// </summary>
public sealed record PluginEnvironment(
    string? MagicCookie,
    string? ProtocolVersions,
    string? ClientCertificatePem,
    bool MetadataMode,
    bool AutoMtls,
    string? UnwrapToken,
    string? UnixSocketDirectory,
    string? UnixSocketGroup,
    bool MultiplexGrpc,
    string? LogLevel,
    string? VaultAddress)
{
    internal const string MagicCookieKey = "VAULT_BACKEND_PLUGIN";
    internal const string MagicCookieValue = "6669da05-b1c8-4f49-97d9-c8e5bed98e20";

    internal static PluginEnvironment FromProcess() => From(Environment.GetEnvironmentVariable);

    internal static PluginEnvironment From(Func<string, string?> read)
    {
        string? Sdk(string name) => NonEmpty(read("BAO_" + name)) ?? NonEmpty(read("VAULT_" + name));
        bool Flag(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

        return new PluginEnvironment(
            MagicCookie: read(MagicCookieKey),
            ProtocolVersions: read("PLUGIN_PROTOCOL_VERSIONS"),
            ClientCertificatePem: NonEmpty(read("PLUGIN_CLIENT_CERT")),
            MetadataMode: Flag(Sdk("PLUGIN_METADATA_MODE")),
            AutoMtls: Flag(Sdk("PLUGIN_AUTOMTLS_ENABLED")),
            UnwrapToken: Sdk("UNWRAP_TOKEN"),
            UnixSocketDirectory: NonEmpty(read("PLUGIN_UNIX_SOCKET_DIR")),
            UnixSocketGroup: NonEmpty(read("PLUGIN_UNIX_SOCKET_GROUP")),
            MultiplexGrpc: Flag(read("PLUGIN_MULTIPLEX_GRPC")),
            LogLevel: Sdk("LOG_LEVEL"),
            VaultAddress: NonEmpty(read("BAO_ADDR")) ?? NonEmpty(read("VAULT_ADDR")));
    }

    /// <summary>The TLS mode follows the environment, not the protocol version (docs/protocol.md §1.4).</summary>
    internal TlsMode TlsMode =>
        ClientCertificatePem is not null ? TlsMode.AutoMtls
        : MetadataMode ? TlsMode.Plaintext
        : TlsMode.UnwrapToken;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

internal enum TlsMode { AutoMtls, Plaintext, UnwrapToken }
