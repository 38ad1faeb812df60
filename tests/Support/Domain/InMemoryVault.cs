using System.Text.Json.Nodes;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.TestSupport;

/// <summary>
/// A Vault held in memory, reached through <see cref="InMemoryVaultConnection"/>: ACL policies by name, generic
/// objects by path, the tokens it accepts, counters of writes and deletes, and fault switches. Its errors are what
/// the HTTP writer makes of Vault's: a 502 naming the operation and Vault's status and message, never the token.
/// </summary>
public sealed class InMemoryVault : IVaultConnectionFactory
{
    public const string PolicyPathPrefix = "sys/policies/acl/";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _policies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenInfo> _tokens = new(StringComparer.Ordinal);
    private readonly List<(string PathPrefix, int Status)> _failingWrites = [];
    private readonly List<VaultConnectionSettings> _connections = [];
    private int _writes;
    private int _deletes;
    private int _openConnections;
    private int _lookups;

    public IReadOnlyDictionary<string, string> Policies
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, string>(_policies, StringComparer.Ordinal);
            }
        }
    }

    public IReadOnlyDictionary<string, JsonObject> Objects
    {
        get
        {
            lock (_gate)
            {
                return _objects.ToDictionary(pair => pair.Key, pair => pair.Value.DeepClone().AsObject(), StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Successful writes of policies and objects since the start or the last <see cref="ResetCounters"/>.</summary>
    public int Writes
    {
        get
        {
            lock (_gate)
            {
                return _writes;
            }
        }
    }

    public int Deletes
    {
        get
        {
            lock (_gate)
            {
                return _deletes;
            }
        }
    }

    /// <summary>Calls of <c>auth/token/lookup-self</c>, answered or refused.</summary>
    public int Lookups
    {
        get
        {
            lock (_gate)
            {
                return _lookups;
            }
        }
    }

    /// <summary>Connections made and not yet disposed.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _openConnections;
            }
        }
    }

    /// <summary>Settings of every connection made, in order.</summary>
    public IReadOnlyList<VaultConnectionSettings> Connections
    {
        get
        {
            lock (_gate)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Runs before every write, with the Vault path written (policies as <c>sys/policies/acl/name</c>).</summary>
    public Func<string, Task>? BeforeWrite { get; set; }

    public void AcceptToken(string token, TokenInfo info)
    {
        lock (_gate)
        {
            _tokens[token] = info;
        }
    }

    public void RevokeToken(string token)
    {
        lock (_gate)
        {
            _tokens.Remove(token);
        }
    }

    /// <summary>Every later write to a path starting with <paramref name="pathPrefix"/> is answered with <paramref name="status"/>.</summary>
    public void FailWritesTo(string pathPrefix, int status = 500)
    {
        lock (_gate)
        {
            _failingWrites.Add((pathPrefix, status));
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _failingWrites.Clear();
        }
    }

    public void ResetCounters()
    {
        lock (_gate)
        {
            (_writes, _deletes) = (0, 0);
        }
    }

    public string? PolicyText(string name)
    {
        lock (_gate)
        {
            return _policies.GetValueOrDefault(name);
        }
    }

    public JsonObject? Object(string path)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(path, out var data) ? data.DeepClone().AsObject() : null;
        }
    }

    /// <summary>Someone else (an operator) deletes a policy or an object behind the plugin's back.</summary>
    public void DeleteBehindThePluginsBack(string policyOrPath)
    {
        lock (_gate)
        {
            _policies.Remove(policyOrPath);
            _objects.Remove(policyOrPath);
        }
    }

    public IVaultConnection Connect(VaultConnectionSettings settings)
    {
        lock (_gate)
        {
            _connections.Add(settings);
            _openConnections++;
        }

        return new InMemoryVaultConnection(this, settings);
    }

    internal void Disconnected()
    {
        lock (_gate)
        {
            _openConnections--;
        }
    }

    internal TokenInfo LookupSelf(string token)
    {
        lock (_gate)
        {
            _lookups++;
            return _tokens.TryGetValue(token, out var info) ? info : throw PermissionDenied();
        }
    }

    internal bool HasPolicy(string name, string text)
    {
        lock (_gate)
        {
            return _policies.TryGetValue(name, out var stored) && stored == text;
        }
    }

    internal bool HasObject(string path)
    {
        lock (_gate)
        {
            return _objects.ContainsKey(path);
        }
    }

    internal async Task WritePolicyAsync(string token, string name, string text)
    {
        await BeforeWriteAsync(token, PolicyPathPrefix + name).ConfigureAwait(false);
        lock (_gate)
        {
            _policies[name] = text;
            _writes++;
        }
    }

    internal async Task WriteObjectAsync(string token, string path, JsonObject data)
    {
        await BeforeWriteAsync(token, path).ConfigureAwait(false);
        lock (_gate)
        {
            _objects[path] = data.DeepClone().AsObject();
            _writes++;
        }
    }

    internal void Delete(string token, string vaultPath)
    {
        lock (_gate)
        {
            RequireToken(token);
            Remove(vaultPath);
        }
    }

    /// <summary>Rollback removes what a failed apply wrote; it must not fail on the fault that failed the apply.</summary>
    internal void RollBack(string vaultPath)
    {
        lock (_gate)
        {
            Remove(vaultPath);
        }
    }

    private void Remove(string vaultPath)
    {
        var removed = vaultPath.StartsWith(PolicyPathPrefix, StringComparison.Ordinal)
            ? _policies.Remove(vaultPath[PolicyPathPrefix.Length..])
            : _objects.Remove(vaultPath);
        if (removed)
        {
            _deletes++;
        }
    }

    private async Task BeforeWriteAsync(string token, string vaultPath)
    {
        if (BeforeWrite is { } hook)
        {
            await hook(vaultPath).ConfigureAwait(false);
        }

        lock (_gate)
        {
            RequireToken(token);
            foreach (var (prefix, status) in _failingWrites)
            {
                if (vaultPath.StartsWith(prefix, StringComparison.Ordinal))
                {
                    throw new UpstreamFailure(Upstream.Vault, UpstreamProblem.Failed, $"Vault: answered HTTP {status}", $"vault: PUT {vaultPath} returned HTTP {status}: internal error");
                }
            }
        }
    }

    private void RequireToken(string token)
    {
        if (!_tokens.ContainsKey(token))
        {
            throw PermissionDenied();
        }
    }

    private static UpstreamFailure PermissionDenied() =>
        new(Upstream.Vault, UpstreamProblem.WriterTokenRevoked, "Vault: the writer's token was revoked", "vault: the writer's token was revoked (permission denied); write a new token to config/vault");
}
