using System.Text.Json.Nodes;

namespace VaultEc2Auth.Writing;

/// <summary>Whether two rendered sets would put the same content into Vault (order does not matter).</summary>
public static class RenderedSetComparer
{
    public static bool SameContent(RenderedSet left, RenderedSet right) =>
        left.Policies.Count == right.Policies.Count &&
        left.Objects.Count == right.Objects.Count &&
        left.Policies.All(policy => right.Policies.Any(other => other.Name == policy.Name && other.Policy == policy.Policy)) &&
        left.Objects.All(item => right.Objects.Any(other => other.Path == item.Path && JsonNode.DeepEquals(other.Data, item.Data)));
}
