using VaultEc2Auth.Config;
using VaultEc2Auth.Sdk.Backend;
using VaultEc2Auth.Sdk.Framework;
using VaultEc2Auth.Storage;

namespace VaultEc2Auth;

/// <summary>The auth method as Vault sees it: its paths, special paths and help, wired to the domain parts.</summary>
public sealed class Ec2AuthBackend : IBackendFactory
{
    /// <summary>Static, so metadata mode and the real process answer SpecialPaths identically.</summary>
    public static SpecialPathSet SpecialPaths { get; } = new(
        Unauthenticated: ["login"],
        LocalStorage: [],
        SealWrapStorage: [ClientConfigPath.StorageKey, "config/vault"]);

    public const string Help = """
        The ec2-instance auth method lets EC2 instances log in with their AWS-signed instance identity document
        and gives every instance its own Vault policy and its own PKI role, rendered from templates, so an
        instance can only obtain certificates for its own name.
        """;

    public BackendDefinition Create(BackendSetup setup)
    {
        var clientConfig = new CachedEntry<ClientConfigEntry>(ClientConfigPath.StorageKey, StorageJsonContext.Default.ClientConfigEntry, sealWrap: true);
        var caches = new Dictionary<string, Action>(StringComparer.Ordinal)
        {
            [clientConfig.Key] = clientConfig.Invalidate,
        };

        return new BackendDefinition
        {
            Help = Help,
            SpecialPaths = SpecialPaths,
            Paths = [new ClientConfigPath(clientConfig).Definition],
            Invalidate = key =>
            {
                if (caches.TryGetValue(key, out var invalidate))
                {
                    invalidate();
                }
            },
        };
    }
}
