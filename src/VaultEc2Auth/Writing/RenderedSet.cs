using System.Text.Json.Nodes;

namespace VaultEc2Auth.Writing;

/// <summary>A Vault ACL policy a login writes at <c>sys/policies/acl/&lt;Name&gt;</c>.</summary>
public sealed record RenderedPolicy(string Name, string Policy);

/// <summary>A JSON object a login writes at <c>Path</c> (full Vault API path, e.g. <c>pki/roles/ec2-ab12</c>).</summary>
public sealed record RenderedObject(string Path, JsonObject Data);

/// <summary>Everything one login should make exist in Vault for one instance.</summary>
public sealed record RenderedSet(IReadOnlyList<RenderedPolicy> Policies, IReadOnlyList<RenderedObject> Objects)
{
    public static RenderedSet Empty { get; } = new([], []);
}
