using VaultPlugin.Sdk.Logging;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// The process-level inputs and outputs of a plugin: environment, arguments, where the handshake line goes,
/// where human-readable failures go. Separate from the real process so tests can run a plugin in-process.
/// </summary>
internal sealed record PluginProcess(
    PluginEnvironment Environment,
    IReadOnlyList<string> Arguments,
    Stream HandshakeOutput,
    TextWriter Diagnostics,
    bool HandleSignals)
{
    /// <summary>Where hclog lines go; null means stderr at the level the environment asks for.</summary>
    public HclogWriter? Log { get; init; }
}
