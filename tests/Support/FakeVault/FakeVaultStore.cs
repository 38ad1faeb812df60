using System.Text.Json.Nodes;

namespace VaultEc2Auth.TestSupport;

/// <summary>The fake Vault's memory: policies, generic objects, the request log and the armed faults.</summary>
internal sealed class FakeVaultStore
{
    private const string DefaultPolicy = "path \"auth/token/lookup-self\" {\n    capabilities = [\"read\"]\n}\n";

    private readonly Lock gate = new();
    private readonly Dictionary<string, string> policies = new(StringComparer.Ordinal) { ["default"] = DefaultPolicy };
    private readonly Dictionary<string, JsonObject> objects = new(StringComparer.Ordinal);
    private readonly List<RecordedVaultRequest> requests = [];
    private readonly List<(FakeVaultFault Fault, int WritesBefore)> faults = [];
    private int writes;
    private int renewals;
    private int faultsServed;

    public IReadOnlyList<RecordedVaultRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToList();
            }
        }
    }

    /// <summary>Requests answered with a fault (an error status or a delay) so far.</summary>
    public int FaultsServed
    {
        get
        {
            lock (gate)
            {
                return faultsServed;
            }
        }
    }

    public int Renewals
    {
        get
        {
            lock (gate)
            {
                return renewals;
            }
        }
    }

    public void CountRenewal()
    {
        lock (gate)
        {
            renewals++;
        }
    }

    /// <summary>Records the request and returns the fault it must fail with, if any.</summary>
    public FakeVaultFault? Record(RecordedVaultRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
            if (!request.TokenAccepted)
            {
                return null;
            }

            if (request.IsWrite)
            {
                writes++;
            }

            foreach (var (fault, writesBefore) in faults)
            {
                if (fault.Method is not null && !string.Equals(fault.Method, request.Method, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (fault.PathPrefix is not null && !request.Path.StartsWith(fault.PathPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (fault.NthWrite is int nth && !(request.IsWrite && writes - writesBefore == nth))
                {
                    continue;
                }

                faultsServed++;
                return fault;
            }
            return null;
        }
    }

    public void AddFault(FakeVaultFault fault)
    {
        lock (gate)
        {
            faults.Add((fault, writes));
        }
    }

    public void ClearFaults()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    public void ClearRequests()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }

    public string? GetPolicy(string name)
    {
        lock (gate)
        {
            return policies.GetValueOrDefault(name);
        }
    }

    public void SetPolicy(string name, string text)
    {
        lock (gate)
        {
            policies[name] = text;
        }
    }

    public bool RemovePolicy(string name)
    {
        lock (gate)
        {
            return policies.Remove(name);
        }
    }

    public IReadOnlyList<string> PolicyNames
    {
        get
        {
            lock (gate)
            {
                return policies.Keys.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>A copy, so a caller cannot change what the fake holds behind its back.</summary>
    public JsonObject? GetObject(string path)
    {
        lock (gate)
        {
            return objects.TryGetValue(path, out var data) ? (JsonObject)data.DeepClone() : null;
        }
    }

    public void SetObject(string path, JsonObject data)
    {
        lock (gate)
        {
            objects[path] = (JsonObject)data.DeepClone();
        }
    }

    public bool RemoveObject(string path)
    {
        lock (gate)
        {
            return objects.Remove(path);
        }
    }

    public IReadOnlyList<string> ObjectPaths
    {
        get
        {
            lock (gate)
            {
                return objects.Keys.Order(StringComparer.Ordinal).ToList();
            }
        }
    }
}
