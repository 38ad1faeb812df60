using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>What a plugin executable hands to <see cref="PluginServer"/>.</summary>
public sealed record PluginOptions(
    string Name,
    string Version,
    SpecialPathSet SpecialPaths,
    Func<PluginEnvironment, IBackendFactory> BackendFactory);
