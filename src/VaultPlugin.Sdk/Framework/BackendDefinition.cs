namespace VaultPlugin.Sdk.Framework;

/// <summary>A whole backend as data: its help, paths and special paths, plus lifecycle hooks.</summary>
public sealed record BackendDefinition
{
    public required string Help { get; init; }
    public required IReadOnlyList<PathDefinition> Paths { get; init; }
    public required SpecialPathSet SpecialPaths { get; init; }

    /// <summary>
    /// The backend's word in its OpenAPI operation ids (<c>read-{prefix}-roles-name</c>), as Vault's
    /// <c>OperationPrefix</c>: Vault merges every mount's document into one, so generated clients tell the backends'
    /// calls apart by it. Empty: the verb and the path alone.
    /// </summary>
    public string OperationPrefix { get; init; } = "";

    /// <summary>Called when a storage key changed on another node: drop what is cached for it.</summary>
    public Action<string>? Invalidate { get; init; }

    /// <summary>Called once after mount, unseal or reload, with writable storage.</summary>
    public Func<Host.IStorage, CancellationToken, Task>? Initialize { get; init; }

    /// <summary>Called on unmount, reload, seal and shutdown.</summary>
    public Func<Task>? Cleanup { get; init; }

    /// <summary>
    /// Vault's <c>rollback</c> request (every 60 s on the mount root), for periodic work. It must answer at once:
    /// start long work in the background. Without it, rollback is an empty success.
    /// </summary>
    public Func<RequestContext, Task>? Rollback { get; init; }

    /// <summary>Renewal of tokens this backend issued (the <c>renew</c> operation on the login path).</summary>
    public OperationHandler? Renew { get; init; }

    /// <summary>
    /// Turns the backend's own failure types into the answer Vault gets (null: not one of them). The backend's one
    /// place for statuses; applied to every handler and the existence check.
    /// </summary>
    public Func<Exception, LogicalRequest, RequestException?>? MapFailure { get; init; }
}
