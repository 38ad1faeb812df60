namespace VaultEc2Auth.Writing;

/// <summary>What an apply actually changed, for logs and tests (idempotent re-logins report zero writes).</summary>
public sealed record ApplyResult(int PoliciesWritten, int ObjectsWritten, int Removed);

/// <summary>
/// Writes rendered policies and generic objects into Vault through its HTTP API, with the plugin's own token.
/// </summary>
public interface IVaultWriter
{
    /// <summary>
    /// Makes Vault hold <paramref name="desired"/>: generic objects first, then policies; items whose content is
    /// unchanged from <paramref name="previous"/> and still present in Vault are not written again; items in
    /// <paramref name="previous"/> but not in <paramref name="desired"/> are removed. All or nothing: if a write
    /// fails, what this call wrote is removed again and an <see cref="Failures.UpstreamFailure"/> naming Vault
    /// (never the token) is thrown.
    /// </summary>
    Task<ApplyResult> ApplyAsync(RenderedSet previous, RenderedSet desired, CancellationToken cancellationToken);

    /// <summary>Removes everything in <paramref name="set"/>; missing items are not an error.</summary>
    Task RemoveAsync(RenderedSet set, CancellationToken cancellationToken);
}
