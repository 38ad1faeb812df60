namespace VaultEc2Auth.TestSupport;

/// <summary>What the fake Vault reports for its one accepted token on lookup-self and grants on renew-self.</summary>
public sealed record FakeVaultToken(IReadOnlyList<string> Policies, long TtlSeconds, bool Renewable, string DisplayName)
{
    public static FakeVaultToken Root { get; } = new(["root"], 0, false, "root");
}
