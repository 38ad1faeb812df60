using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Sdk.Logging;
using VaultEc2Auth.Templates;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth;

/// <summary>The adapters the composition root plugs into the auth method (AWS, Vault's HTTP API, Scriban).</summary>
public sealed record Ec2AuthAdapters(
    IIdentityDocumentVerifier Verifier,
    IInstanceDescriber Describer,
    ITemplateRenderer Renderer,
    IVaultConnectionFactory VaultConnections,
    TimeProvider Clock,
    HclogWriter Log,
    string? DefaultVaultAddress);
