using VaultEc2Auth.Writing;

namespace VaultEc2Auth.Config;

/// <summary>The stored form of <c>config/vault</c>. Seal-wrapped: it holds the writer's Vault token.</summary>
public sealed record VaultConfigEntry(
    string Address,
    string Token,
    string? CaCert,
    string? TlsServerName,
    bool TlsSkipVerify,
    string? Namespace,
    string PolicyPrefix)
{
    public const string DefaultPolicyPrefix = "ec2-instance-";

    public VaultConnectionSettings ToSettings() => new(Address, Token, CaCert, TlsServerName, TlsSkipVerify, Namespace);

    public override string ToString() => $"VaultConfigEntry {{ Address = {Address}, Token = (hidden), PolicyPrefix = {PolicyPrefix} }}";
}
