using System.Text.Json.Nodes;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp;

/// <summary>
/// Makes Vault hold a rendered set, all or nothing: objects before the policies that may refer to them, unchanged
/// items left alone, stale items removed last, and on failure what this call wrote removed again.
/// </summary>
internal sealed class RenderedSetWriter(VaultApiClient vault, Action<string> log)
{
    public async Task<ApplyResult> ApplyAsync(RenderedSet previous, RenderedSet desired, CancellationToken cancellationToken)
    {
        var plan = RenderedSetPlan.Create(previous, desired);
        var written = new List<VaultApiPath>();
        try
        {
            var objectsWritten = 0;
            foreach (var item in plan.Objects)
            {
                if (item.Unchanged && await vault.ReadAsync(item.Path, cancellationToken).ConfigureAwait(false) is not null)
                {
                    continue;
                }
                // Recorded before the request: a write that timed out may still have landed.
                written.Add(item.Path);
                await vault.WriteAsync(item.Path, item.Data, cancellationToken).ConfigureAwait(false);
                objectsWritten++;
            }

            var policiesWritten = 0;
            foreach (var item in plan.Policies)
            {
                // Vault returns a policy's text as written, so a tampered policy is caught too, not only a deleted one.
                if (item.Unchanged && await ReadPolicyTextAsync(item.Path, cancellationToken).ConfigureAwait(false) == item.Policy)
                {
                    continue;
                }

                written.Add(item.Path);
                await vault.WriteAsync(item.Path, new JsonObject { ["policy"] = item.Policy }, cancellationToken).ConfigureAwait(false);
                policiesWritten++;
            }

            var removed = 0;
            foreach (var stale in plan.Stale)
            {
                await vault.DeleteAsync(stale, cancellationToken).ConfigureAwait(false);
                removed++;
            }
            return new ApplyResult(policiesWritten, objectsWritten, removed);
        }
        catch (Exception)
        {
            await RollBackAsync(written).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Tries every item even after a failure, so one stuck path does not keep the rest alive in Vault.</summary>
    public async Task RemoveAsync(RenderedSet set, CancellationToken cancellationToken)
    {
        var failures = new List<UpstreamFailure>();
        foreach (var target in RenderedSetPlan.Create(set, RenderedSet.Empty).Stale)
        {
            try
            {
                await vault.DeleteAsync(target, cancellationToken).ConfigureAwait(false);
            }
            catch (UpstreamFailure e)
            {
                failures.Add(e);
            }
        }
        if (failures.Count > 0)
        {
            throw new UpstreamFailure(Upstream.Vault, failures[0].Problem, failures[0].Message,
                vault.Failure.Safe(string.Join("; ", failures.Select(failure => failure.Detail))));
        }
    }

    private async Task<string?> ReadPolicyTextAsync(VaultApiPath path, CancellationToken cancellationToken)
    {
        var data = await vault.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return data?["policy"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    // Best effort and deliberately not cancellable: a cancelled login must not leave half of its writes behind.
    private async Task RollBackAsync(List<VaultApiPath> written)
    {
        for (var i = written.Count - 1; i >= 0; i--)
        {
            try
            {
                await vault.DeleteAsync(written[i], CancellationToken.None).ConfigureAwait(false);
            }
            catch (UpstreamFailure e)
            {
                log($"vault: could not undo a failed write: {written[i]} stays in Vault: {e.Detail}");
            }
        }
    }
}
