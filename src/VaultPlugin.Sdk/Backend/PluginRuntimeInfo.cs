using VaultPlugin.Sdk.Framework;

namespace VaultPlugin.Sdk.Backend;

/// <summary>Facts about this process that every service needs: mode, version, the static special paths.</summary>
internal sealed record PluginRuntimeInfo(bool MetadataMode, string Version, SpecialPathSet SpecialPaths);
