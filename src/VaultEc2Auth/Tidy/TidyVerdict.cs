using VaultEc2Auth.Writing;

namespace VaultEc2Auth.Tidy;

/// <summary>What the tidy does with one instance record.</summary>
internal abstract record TidyVerdict
{
    /// <summary>Nothing to do.</summary>
    public sealed record Keep : TidyVerdict;

    /// <summary>
    /// Remove from Vault every item of the record except <paramref name="Kept"/>; without anything kept the record
    /// goes too, and the access-list entry when <paramref name="DropAccessList"/> (the instance can never log in again).
    /// </summary>
    public sealed record Settle(RenderedSet Kept, bool DropAccessList) : TidyVerdict;

    /// <summary>Only remember (or forget) since when the instance is stopped.</summary>
    public sealed record MarkStopped(DateTimeOffset? Since) : TidyVerdict;

    public static TidyVerdict RemoveAll(bool dropAccessList) => new Settle(RenderedSet.Empty, dropAccessList);
}
