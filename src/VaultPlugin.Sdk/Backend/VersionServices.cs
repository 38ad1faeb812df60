using Grpc.Core;
using VaultPlugin.Sdk.Protocol;

namespace VaultPlugin.Sdk.Backend;

/// <summary><c>logical.PluginVersion</c>: <c>v&lt;semver&gt;</c>, string-equal to what the operator registers.</summary>
internal sealed class PluginVersionService(PluginRuntimeInfo runtime) : PluginVersion.PluginVersionBase
{
    public override Task<VersionReply> Version(Empty request, ServerCallContext context) =>
        Task.FromResult(new VersionReply { PluginVersion = runtime.Version });
}

/// <summary>
/// Backend multiplexing probe: not supported, so Vault runs one process per mount (one Setup each), which keeps
/// each mount's caches and writer token isolated.
/// </summary>
internal sealed class MultiplexingService : Protocol.PluginMultiplexing.PluginMultiplexingBase
{
    public override Task<MultiplexingSupportResponse> MultiplexingSupport(MultiplexingSupportRequest request, ServerCallContext context) =>
        Task.FromResult(new MultiplexingSupportResponse { Supported = false });
}
