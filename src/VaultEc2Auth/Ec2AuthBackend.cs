using VaultEc2Auth.Config;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Login;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Tidy;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth;

/// <summary>The auth method as Vault sees it: its paths, special paths and help, wired to the domain parts.</summary>
public sealed class Ec2AuthBackend(Ec2AuthAdapters adapters) : IBackendFactory
{
    /// <summary>Static, so metadata mode and the real process answer SpecialPaths identically.</summary>
    public static SpecialPathSet SpecialPaths { get; } = new(
        Unauthenticated: ["login"],
        LocalStorage: [AccessList.Prefix],
        SealWrapStorage: [ClientConfigPath.StorageKey, VaultConfigPath.StorageKey]);

    /// <summary>The plugin's type name: Vault's own methods prefix their OpenAPI operation ids with theirs.</summary>
    public const string OperationPrefix = "ec2-instance";

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
        var stsRoles = new StsRoles();
        var roles = new RoleStore();
        var tidyConfig = new CachedEntry<TidyConfig>(TidyConfig.StorageKey, StorageJsonContext.Default.TidyConfig);
        var writers = new VaultWriterSource(vaultConfig, adapters.VaultConnections);
        var registry = new InstanceRegistry(adapters.Clock);
        var accessList = new AccessList();
        var locks = new InstanceLocks();
        var identifierRules = new InstanceIdentifierRuleSet(adapters.IdentifierRules);
        var aws = identifierRules.For(CloudProviders.Aws);
        var parts = new LoginParts(
            adapters.Verifier,
            adapters.Describer,
            new RoleMatcher(),
            new InstanceMaterializer(roles, adapters.Renderer, writers, registry),
            certificates,
            roles,
            accessList,
            locks,
            clientConfig,
            stsRoles,
            adapters.Clock)
        {
            GceVerifier = adapters.GceVerifier,
            GceDescriber = adapters.GceDescriber,
            IdentifierRules = identifierRules,
        };
        var removal = new InstanceRemoval(writers, registry, accessList);
        var tidy = new InstanceTidy(new TidyParts(parts, registry, removal, tidyConfig), adapters.Log);
        var schedule = new TidySchedule(tidy, tidyConfig, adapters.Clock, adapters.Log);

        return new BackendDefinition
        {
            Help = Help,
            SpecialPaths = SpecialPaths,
            OperationPrefix = OperationPrefix,
            Paths =
            [
                LoginPath.Definition(new LoginHandler(parts, adapters.Log)),
                new ClientConfigPath(clientConfig, aws, adapters.GceVerifier is null ? null : identifierRules.For(CloudProviders.Gce)).Definition,
                new VaultConfigPath(vaultConfig, adapters.VaultConnections, adapters.DefaultVaultAddress).Definition,
                .. new CertificatePaths(certificates).Definitions,
                .. new StsConfigPaths(stsRoles, aws).Definitions,
                .. new RolePaths(roles).Definitions,
                new PreviewPath(parts, adapters.Renderer, vaultConfig).Definition,
                .. new TemplatePaths(roles, adapters.Renderer, vaultConfig).Definitions,
                new TidyConfigPath(tidyConfig).Definition,
                .. new TidyPaths(tidy).Definitions,
                .. new InstancePaths(registry, accessList, locks, removal).Definitions,
            ],
            Renew = new RenewalHandler(parts, adapters.Log).RenewAsync,
            Rollback = schedule.OnRollbackAsync,
            MapFailure = FailureStatuses.ToRequestException,
            Invalidate = key =>
            {
                clientConfig.Invalidate(key);
                vaultConfig.Invalidate(key);
                certificates.Invalidate(key);
                stsRoles.Invalidate(key);
                roles.Invalidate(key);
                tidyConfig.Invalidate(key);
                accessList.Invalidate(key);
                registry.Invalidate(key);
            },
            Cleanup = async () =>
            {
                await schedule.DisposeAsync().ConfigureAwait(false);
                await writers.DisposeAsync().ConfigureAwait(false);
            },
        };
    }
}
