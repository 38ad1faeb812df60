using System.Text.Json.Nodes;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.VaultHttp;

/// <summary>
/// What an apply has to do, worked out and validated before the first request, so a bad path or name in the
/// rendered set fails the login without touching Vault.
/// </summary>
internal sealed record RenderedSetPlan(
    IReadOnlyList<RenderedSetPlan.ObjectItem> Objects,
    IReadOnlyList<RenderedSetPlan.PolicyItem> Policies,
    IReadOnlyList<VaultApiPath> Stale)
{
    public sealed record ObjectItem(VaultApiPath Path, JsonObject Data, bool Unchanged);

    public sealed record PolicyItem(VaultApiPath Path, string Policy, bool Unchanged);

    public static RenderedSetPlan Create(RenderedSet previous, RenderedSet desired)
    {
        var previousObjects = Index(previous.Objects, o => o.Path, "object path");
        var previousPolicies = Index(previous.Policies, p => p.Name, "policy name");
        var desiredObjects = Index(desired.Objects, o => o.Path, "object path");
        var desiredPolicies = Index(desired.Policies, p => p.Name, "policy name");

        var objects = desired.Objects
            .Select(o => new ObjectItem(
                VaultApiPath.ForObject(o.Path),
                o.Data,
                previousObjects.TryGetValue(o.Path, out var before) && JsonNode.DeepEquals(before.Data, o.Data)))
            .ToList();
        var policies = desired.Policies
            .Select(p => new PolicyItem(
                VaultApiPath.ForPolicy(p.Name),
                p.Policy,
                previousPolicies.TryGetValue(p.Name, out var before) && string.Equals(before.Policy, p.Policy, StringComparison.Ordinal)))
            .ToList();

        // Policies go first so no token keeps rights to an object that is about to disappear.
        var stale = previous.Policies.Where(p => !desiredPolicies.ContainsKey(p.Name)).Select(p => VaultApiPath.ForPolicy(p.Name))
            .Concat(previous.Objects.Where(o => !desiredObjects.ContainsKey(o.Path)).Select(o => VaultApiPath.ForObject(o.Path)))
            .ToList();
        return new RenderedSetPlan(objects, policies, stale);
    }

    private static Dictionary<string, T> Index<T>(IReadOnlyList<T> items, Func<T, string> key, string what)
    {
        var index = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!index.TryAdd(key(item), item))
            {
                throw new InvalidInput($"rendered set names the same vault {what} twice");
            }
        }
        return index;
    }
}
