using VaultEc2Auth.Sdk.Backend;
using VaultEc2Auth.Sdk.Framework;

namespace VaultEc2Auth.Sdk.GoPlugin;

/// <summary>What a plugin executable hands to <see cref="PluginServer"/>.</summary>
public sealed record PluginOptions(
    string Name,
    string Version,
    SpecialPathSet SpecialPaths,
    Func<PluginEnvironment, IBackendFactory> BackendFactory);
