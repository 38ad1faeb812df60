using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Templates;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Logging;

namespace VaultEc2Auth;

/// <summary>The adapters the composition root plugs into the auth method (AWS, GCE, Vault's HTTP API, Scriban).</summary>
public sealed record Ec2AuthAdapters(
    IIdentityDocumentVerifier Verifier,
    IInstanceDescriber Describer,
    ITemplateRenderer Renderer,
    IVaultConnectionFactory VaultConnections,
    TimeProvider Clock,
    HclogWriter Log,
    string? DefaultVaultAddress)
{
    /// <summary>GCE's token verifier; null in a build without the GCE provider.</summary>
    public IGceIdentityTokenVerifier? GceVerifier { get; init; }

    /// <summary>GCE's describer (Compute Engine <c>instances.get</c>); the AccountStsRole argument is ignored.</summary>
    public IInstanceDescriber? GceDescriber { get; init; }

    /// <summary>Each provider's identifier rules, from its adapter.</summary>
    public IReadOnlyList<IInstanceIdentifierRules> IdentifierRules { get; init; } = [];
}
