using VaultEc2Auth.Login;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.Tidy;

/// <summary>What the tidy composes: the login's parts (describer, roles, access list, locks, clock) and its own.</summary>
public sealed record TidyParts(
    LoginParts Login,
    InstanceRegistry Registry,
    InstanceRemoval Removal,
    CachedEntry<TidyConfig> Config);
