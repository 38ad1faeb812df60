using VaultEc2Auth.Aws;
using VaultEc2Auth.Aws.Identity;
using VaultEc2Auth.Aws.Instances;
using VaultEc2Auth.Gce.Identity;
using VaultEc2Auth.Gce.Instances;
using VaultEc2Auth.Templates;
using VaultEc2Auth.VaultHttp;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.GoPlugin;
using VaultPlugin.Sdk.Logging;

namespace VaultEc2Auth.Plugin;

/// <summary>
/// Builds the adapters when Vault sets the backend up, not when the process starts: loading AWS's certificates
/// and the SDK clients would otherwise delay the handshake Vault is timing.
/// </summary>
internal sealed class PluginComposition(PluginEnvironment environment) : IBackendFactory
{
    public BackendDefinition Create(BackendSetup setup)
    {
        var log = setup.Log;
        var adapters = new Ec2AuthAdapters(
            Verifier: new IdentityDocumentVerifier(),
            Describer: new Ec2InstanceDescriber(),
            Renderer: new ScribanTemplateRenderer(),
            VaultConnections: new VaultHttpConnectionFactory(new VaultHttpOptions { Log = line => log.Write(HclogLevel.Warn, "vault-writer", line) }),
            Clock: TimeProvider.System,
            Log: log,
            DefaultVaultAddress: environment.VaultAddress)
        {
            GceVerifier = new GceIdentityTokenVerifier(),
            GceDescriber = new GceInstanceDescriber(),
            IdentifierRules = [new AwsIdentifierRules(), new GceIdentifierRules()],
        };
        return new Ec2AuthBackend(adapters).Create(setup);
    }
}
