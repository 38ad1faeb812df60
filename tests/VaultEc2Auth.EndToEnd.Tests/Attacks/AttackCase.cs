using System.Text.Json.Nodes;

namespace VaultEc2Auth.EndToEnd.Tests.Attacks;

/// <summary>
/// One hostile request: what it sends, the status and message it must get, and (when it is a login) the instance
/// whose objects, access-list entry and registry record must not exist afterwards because of it.
/// </summary>
internal sealed record AttackCase(string Name, string Op, string Path, JsonObject? Data, int Status, string Message)
{
    /// <summary>The instance the attack logs in as, when it has one of its own: nothing may exist for it afterwards.</summary>
    public string? OwnInstance { get; init; }

    /// <summary>The attack targets the victim: the victim keeps exactly what its own login wrote.</summary>
    public bool TargetsVictim { get; init; }

    /// <summary>The caller's address in vault-host's connection block; null sends an empty one (no remote address).</summary>
    public string? RemoteAddress { get; init; } = "10.0.1.23";

    public JsonObject ToStep()
    {
        var step = new JsonObject
        {
            ["label"] = Name,
            ["op"] = Op,
            ["path"] = Path,
            ["expect"] = new JsonObject { ["status"] = Status, ["error_contains"] = Message },
        };
        if (Data is not null)
        {
            step["data"] = Data.DeepClone();
        }

        // Without a connection block vault-host sends 127.0.0.1, so "no address" is an explicitly empty one.
        step["connection"] = new JsonObject { ["remote_addr"] = RemoteAddress ?? "" };

        return step;
    }
}
