using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;
using VaultPlugin.Sdk.Logging;

namespace VaultPlugin.Sdk.Backend;

/// <summary>What a backend gets at Setup: the mount's storage and system view and its configuration.</summary>
public sealed record BackendSetup(IStorage Storage, ISystemView SystemView, IReadOnlyDictionary<string, string> Config, string BackendUuid)
{
    /// <summary>The process's one hclog writer, so every line reaches stderr whole and in order.</summary>
    public HclogWriter Log { get; init; } = HclogWriter.Null;
}

/// <summary>Creates the plugin's backend for one mount (called on every Setup).</summary>
public interface IBackendFactory
{
    BackendDefinition Create(BackendSetup setup);
}
