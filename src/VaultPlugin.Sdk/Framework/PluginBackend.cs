using VaultPlugin.Sdk.Host;

namespace VaultPlugin.Sdk.Framework;

/// <summary>
/// Routes Vault's requests to the declared paths, as Vault's sdk/framework does: help and OpenAPI for any path,
/// an empty success for <c>rollback</c> (after the backend's rollback hook, if any), 404 for unknown paths, 405 for operations a path lacks, field parsing
/// with warnings for unknown fields.
/// </summary>
public sealed class PluginBackend(BackendDefinition definition, IStorage storage, ISystemView systemView, string version)
{
    public BackendDefinition Definition => definition;

    public IStorage Storage => storage;

    public async Task<LogicalResponse?> HandleRequestAsync(LogicalRequest request, CancellationToken cancellationToken)
    {
        switch (request.Operation)
        {
            case Operations.Help:
                return HelpDocument.Respond(definition, request.Path, version);
            case Operations.Rollback:
                if (definition.Rollback is { } rollback)
                {
                    await rollback(new RequestContext(request, storage, systemView, cancellationToken)).ConfigureAwait(false);
                }

                return null;
        }

        var (path, captures) = Route(request.Path);
        PathOperation? operation = null;
        if (request.Operation == Operations.Renew && definition.Renew is { } renew)
        {
            operation = new PathOperation(renew, "renew");
        }
        else if (!path.Operations.TryGetValue(request.Operation, out operation))
        {
            throw RequestException.Unsupported("unsupported operation");
        }

        var fields = FieldData.Parse(path.Fields, request.Data, captures);
        var context = new RequestContext(request, storage, systemView, cancellationToken);
        LogicalResponse? response;
        try
        {
            response = await operation.Handler(context, fields).ConfigureAwait(false);
        }
        catch (Exception failure) when (definition.MapFailure?.Invoke(failure, request) is { } mapped)
        {
            throw mapped;
        }
        if (fields.UnknownFields.Count > 0)
        {
            response ??= new LogicalResponse { Data = [] };
            response.Warnings.Add($"Endpoint ignored these unrecognized parameters: [{string.Join(" ", fields.UnknownFields)}]");
        }

        return response;
    }

    /// <summary>
    /// Vault's existence check: found=false (so Vault keeps <c>update</c>) unless the path declares one. It sees only
    /// the names captured from the URL, never the body: Vault turns any existence-check error that is not a user
    /// error into "500 internal error", so field validation belongs to the handler, which answers 400.
    /// </summary>
    public async Task<(bool CheckFound, bool Exists)> CheckExistenceAsync(LogicalRequest request, CancellationToken cancellationToken)
    {
        if (!TryRoute(request.Path, out var path, out var captures) || path.ExistenceCheck is null)
        {
            return (false, false);
        }

        var fields = FieldData.Parse(path.Fields, body: null, captures);
        try
        {
            return (true, await path.ExistenceCheck(new RequestContext(request, storage, systemView, cancellationToken), fields).ConfigureAwait(false));
        }
        catch (Exception failure) when (definition.MapFailure?.Invoke(failure, request) is { } mapped)
        {
            throw mapped;
        }
    }

    private (PathDefinition Path, IReadOnlyDictionary<string, string> Captures) Route(string requestPath) =>
        TryRoute(requestPath, out var path, out var captures) ? (path, captures) : throw RequestException.NotFound("unsupported path");

    private bool TryRoute(string requestPath, out PathDefinition path, out IReadOnlyDictionary<string, string> captures)
    {
        foreach (var candidate in definition.Paths)
        {
            if (candidate.Pattern.TryMatch(requestPath, out captures))
            {
                path = candidate;
                return true;
            }
        }

        path = null!;
        captures = new Dictionary<string, string>();
        return false;
    }
}
