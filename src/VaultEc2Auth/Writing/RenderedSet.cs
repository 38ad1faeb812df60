using System.Text.Json.Nodes;

namespace VaultEc2Auth.Writing;

/// <summary>A Vault ACL policy a login writes at <c>sys/policies/acl/&lt;Name&gt;</c>.</summary>
public sealed record RenderedPolicy(string Name, string Policy)
{
    /// <summary>The template it was rendered from, so the tidy can remove it once that template is deleted.</summary>
    public string? Template { get; init; }
}

/// <summary>A JSON object a login writes at <c>Path</c> (full Vault API path, e.g. <c>pki/roles/ec2-ab12</c>).</summary>
public sealed record RenderedObject(string Path, JsonObject Data)
{
    /// <summary>The template it was rendered from, so the tidy can remove it once that template is deleted.</summary>
    public string? Template { get; init; }
}

/// <summary>Everything one login should make exist in Vault for one instance.</summary>
public sealed record RenderedSet(IReadOnlyList<RenderedPolicy> Policies, IReadOnlyList<RenderedObject> Objects)
{
    public static RenderedSet Empty { get; } = new([], []);

    public bool IsEmpty => Policies.Count == 0 && Objects.Count == 0;

    /// <summary>Every item of this set or of <paramref name="other"/>, one per policy name and object path (this set's first).</summary>
    public RenderedSet Union(RenderedSet? other)
    {
        if (other is null)
        {
            return this;
        }

        var policies = Policies.ToList();
        policies.AddRange(other.Policies.Where(candidate => policies.All(policy => policy.Name != candidate.Name)));
        var objects = Objects.ToList();
        objects.AddRange(other.Objects.Where(candidate => objects.All(item => item.Path != candidate.Path)));
        return new RenderedSet(policies, objects);
    }

    /// <summary>The items of this set whose policy name or object path <paramref name="kept"/> does not hold.</summary>
    public RenderedSet Except(RenderedSet kept) => new(
        [.. Policies.Where(policy => kept.Policies.All(other => other.Name != policy.Name))],
        [.. Objects.Where(item => kept.Objects.All(other => other.Path != item.Path))]);
}
