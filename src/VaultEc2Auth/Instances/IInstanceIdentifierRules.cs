namespace VaultEc2Auth.Instances;

/// <summary>
/// The shapes one provider's identifiers have, owned by that provider's adapter: the template layer checks an
/// instance's values against its provider's rules before a template may use them, and the adapter checks what it
/// parses with the same rules. <c>\z</c>-anchored, bounded.
/// </summary>
public interface IInstanceIdentifierRules
{
    /// <summary><c>aws</c> or <c>gce</c>.</summary>
    string CloudProvider { get; }

    /// <summary>EC2: <c>i-…</c>; GCE: the numeric instance id.</summary>
    bool IsInstanceId(string value);

    /// <summary>EC2: the 12-digit account id; GCE: the project id.</summary>
    bool IsAccountId(string value);

    /// <summary>EC2: <c>eu-west-1</c>; GCE: <c>us-central1</c>.</summary>
    bool IsRegion(string value);

    /// <summary>EC2: the availability zone; GCE: the zone (<c>us-central1-a</c>).</summary>
    bool IsZone(string value);
}
