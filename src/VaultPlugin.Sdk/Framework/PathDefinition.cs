namespace VaultPlugin.Sdk.Framework;

/// <summary>Serves one operation on one path. Return null for "no content".</summary>
public delegate Task<LogicalResponse?> OperationHandler(RequestContext context, FieldData fields);

/// <summary>Answers Vault's existence check before create/update: does the entry already exist?</summary>
public delegate Task<bool> ExistenceCheck(RequestContext context, FieldData fields);

/// <summary>What a handler sees besides its fields: the request and the mount's storage and system view.</summary>
public sealed record RequestContext(LogicalRequest Request, Host.IStorage Storage, Host.ISystemView SystemView, CancellationToken CancellationToken);

/// <summary>One operation of a path: its handler and the summary shown in help and OpenAPI.</summary>
public sealed record PathOperation(OperationHandler Handler, string Summary);

/// <summary>
/// One Vault path, declared as data as in Vault's sdk/framework: pattern, typed fields with help, operations,
/// an optional existence check (which makes Vault send <c>create</c> for new entries), and help text.
/// </summary>
public sealed record PathDefinition
{
    public required PathPattern Pattern { get; init; }
    public IReadOnlyDictionary<string, FieldSchema> Fields { get; init; } = new Dictionary<string, FieldSchema>();
    public required IReadOnlyDictionary<string, PathOperation> Operations { get; init; }
    public ExistenceCheck? ExistenceCheck { get; init; }
    public required string HelpSynopsis { get; init; }
    public required string HelpDescription { get; init; }
}

/// <summary>Storage prefixes and login paths Vault must know about before routing (pb.Paths).</summary>
public sealed record SpecialPathSet(
    IReadOnlyList<string> Unauthenticated,
    IReadOnlyList<string> LocalStorage,
    IReadOnlyList<string> SealWrapStorage);
