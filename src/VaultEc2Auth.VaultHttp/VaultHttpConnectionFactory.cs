using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp;

/// <summary>Opens connections to Vault's HTTP API; settings are checked here, before any request is made.</summary>
public sealed class VaultHttpConnectionFactory(VaultHttpOptions? options = null) : IVaultConnectionFactory
{
    private readonly VaultHttpOptions options = options ?? new VaultHttpOptions();

    public VaultHttpConnection Connect(VaultConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new VaultHttpConnection(settings, options);
    }

    IVaultConnection IVaultConnectionFactory.Connect(VaultConnectionSettings settings) => Connect(settings);
}
