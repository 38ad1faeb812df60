using VaultEc2Auth.Instances;
using VaultEc2Auth.Config;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Login;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Sdk.Backend;
using VaultEc2Auth.Sdk.Framework;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth;

/// <summary>The auth method as Vault sees it: its paths, special paths and help, wired to the domain parts.</summary>
public sealed class Ec2AuthBackend(Ec2AuthAdapters adapters) : IBackendFactory
{
    /// <summary>Static, so metadata mode and the real process answer SpecialPaths identically.</summary>
    public static SpecialPathSet SpecialPaths { get; } = new(
        Unauthenticated: ["login"],
        LocalStorage: [AccessList.Prefix],
        SealWrapStorage: [ClientConfigPath.StorageKey, VaultConfigPath.StorageKey]);

    public const string Help = """
        The ec2-instance auth method lets EC2 instances log in with their AWS-signed instance identity document
        and gives every instance its own Vault policy and its own PKI role, rendered from templates, so an
        instance can only obtain certificates for its own name.
        """;

    public BackendDefinition Create(BackendSetup setup)
    {
        var clientConfig = new CachedEntry<CloudClientSettings>(ClientConfigPath.StorageKey, StorageJsonContext.Default.CloudClientSettings, sealWrap: true);
        var vaultConfig = new CachedEntry<VaultConfigEntry>(VaultConfigPath.StorageKey, StorageJsonContext.Default.VaultConfigEntry, sealWrap: true);
        var certificates = new OperatorCertificates();
        var roles = new RoleStore();
        var writers = new VaultWriterSource(vaultConfig, adapters.VaultConnections);
        var parts = new LoginParts(
            adapters.Verifier,
            adapters.Describer,
            new RoleMatcher(),
            new InstanceMaterializer(roles, adapters.Renderer, writers, new InstanceRegistry(adapters.Clock)),
            certificates,
            roles,
            new AccessList(),
            new InstanceLocks(),
            clientConfig,
            adapters.Clock);

        return new BackendDefinition
        {
            Help = Help,
            SpecialPaths = SpecialPaths,
            Paths =
            [
                LoginPath.Definition(new LoginHandler(parts, adapters.Log)),
                new ClientConfigPath(clientConfig).Definition,
                new VaultConfigPath(vaultConfig, adapters.VaultConnections, adapters.DefaultVaultAddress).Definition,
                .. new CertificatePaths(certificates).Definitions,
                .. new RolePaths(roles).Definitions,
                new PreviewPath(parts, adapters.Renderer, vaultConfig).Definition,
                .. new TemplatePaths(roles, adapters.Renderer, vaultConfig).Definitions,
            ],
            Renew = new RenewalHandler(parts, adapters.Log).RenewAsync,
            MapFailure = FailureStatuses.ToRequestException,
            Invalidate = key =>
            {
                clientConfig.Invalidate(key);
                vaultConfig.Invalidate(key);
                certificates.Invalidate(key);
                roles.Invalidate(key);
            },
            Cleanup = async () => await writers.DisposeAsync().ConfigureAwait(false),
        };
    }
}
