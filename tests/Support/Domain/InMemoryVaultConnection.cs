using System.Text.Json.Nodes;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// One connection to an <see cref="InMemoryVault"/> with <c>config/vault</c>'s settings, applying rendered sets
/// with the writer contract's semantics: generic objects first, then policies; an item unchanged from the previous
/// set and still present (a policy: with the same text) is not written; items only in the previous set are removed;
/// on a failed write what this call wrote is removed again and the 5xx error is rethrown.
/// </summary>
public sealed class InMemoryVaultConnection(InMemoryVault vault, VaultConnectionSettings settings) : IVaultConnection
{
    private int _disposed;

    public VaultConnectionSettings Settings => settings;

    public Task<TokenInfo> LookupSelfAsync(CancellationToken cancellationToken) => Task.FromResult(vault.LookupSelf(settings.Token));

    public async Task<ApplyResult> ApplyAsync(RenderedSet previous, RenderedSet desired, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        try
        {
            var objectsWritten = 0;
            foreach (var item in desired.Objects)
            {
                var unchanged = previous.Objects.Any(before => before.Path == item.Path && JsonNode.DeepEquals(before.Data, item.Data));
                if (unchanged && vault.HasObject(item.Path))
                {
                    continue;
                }

                written.Add(item.Path);
                await vault.WriteObjectAsync(settings.Token, item.Path, item.Data).ConfigureAwait(false);
                objectsWritten++;
            }

            var policiesWritten = 0;
            foreach (var policy in desired.Policies)
            {
                var unchanged = previous.Policies.Any(before => before.Name == policy.Name && before.Policy == policy.Policy);
                if (unchanged && vault.HasPolicy(policy.Name, policy.Policy))
                {
                    continue;
                }

                written.Add(InMemoryVault.PolicyPathPrefix + policy.Name);
                await vault.WritePolicyAsync(settings.Token, policy.Name, policy.Policy).ConfigureAwait(false);
                policiesWritten++;
            }

            var stale = previous.Policies.Where(before => desired.Policies.All(policy => policy.Name != before.Name)).Select(before => InMemoryVault.PolicyPathPrefix + before.Name)
                .Concat(previous.Objects.Where(before => desired.Objects.All(item => item.Path != before.Path)).Select(before => before.Path))
                .ToList();
            foreach (var path in stale)
            {
                vault.Delete(settings.Token, path);
            }

            return new ApplyResult(policiesWritten, objectsWritten, stale.Count);
        }
        catch (UpstreamFailure)
        {
            for (var i = written.Count - 1; i >= 0; i--)
            {
                vault.RollBack(written[i]);
            }

            throw;
        }
    }

    public Task RemoveAsync(RenderedSet set, CancellationToken cancellationToken)
    {
        foreach (var policy in set.Policies)
        {
            vault.Delete(settings.Token, InMemoryVault.PolicyPathPrefix + policy.Name);
        }

        foreach (var item in set.Objects)
        {
            vault.Delete(settings.Token, item.Path);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            vault.Disconnected();
        }

        return ValueTask.CompletedTask;
    }
}
