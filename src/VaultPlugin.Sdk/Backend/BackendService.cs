using Grpc.Core;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.GoPlugin;
using VaultPlugin.Sdk.Host;
using VaultPlugin.Sdk.Logging;
using VaultPlugin.Sdk.Protocol;

namespace VaultPlugin.Sdk.Backend;

/// <summary>
/// pb.Backend: Setup dials the host's broker for storage and system view and builds the backend; every other
/// call is translated and handed to it. Failures become ProtoErrors with Vault's status semantics; an
/// unexpected exception is logged here and reaches Vault only as "internal error".
/// </summary>
internal sealed class BackendService(
    IBackendFactory factory,
    BrokerConnections broker,
    TransportIdentity identity,
    PluginRuntimeInfo runtime,
    HclogWriter log) : Protocol.Backend.BackendBase
{
    public const uint CredentialBackendType = 2;

    private readonly BrokerSession _session = new(broker, identity);
    private PluginBackend? _backend;

    public override async Task<SetupReply> Setup(SetupArgs request, ServerCallContext context)
    {
        try
        {
            var (storage, systemView) = await _session.ConnectAsync(request.BrokerId, context.CancellationToken).ConfigureAwait(false);
            var config = request.Config.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            var definition = factory.Create(new BackendSetup(storage, systemView, config, request.BackendUUID) { Log = log });
            _backend = new PluginBackend(definition, storage, systemView, runtime.Version);
            return new SetupReply();
        }
        catch (Exception exception) when (exception is InvalidOperationException or RequestException or OperationCanceledException)
        {
            log.Write(HclogLevel.Error, "backend", "setup failed", [new("error", exception.Message)]);
            return new SetupReply { Err = exception.Message };
        }
    }

    public override Task<TypeReply> Type(Empty request, ServerCallContext context) =>
        Task.FromResult(new TypeReply { Type = CredentialBackendType });

    public override Task<SpecialPathsReply> SpecialPaths(Empty request, ServerCallContext context)
    {
        // Answered from the static definition so metadata mode and the real process always agree (docs/protocol.md §1.4).
        var paths = new Paths();
        paths.Unauthenticated.AddRange(runtime.SpecialPaths.Unauthenticated);
        paths.LocalStorage.AddRange(runtime.SpecialPaths.LocalStorage);
        paths.SealWrapStorage.AddRange(runtime.SpecialPaths.SealWrapStorage);
        return Task.FromResult(new SpecialPathsReply { Paths = paths });
    }

    public override async Task<InitializeReply> Initialize(InitializeArgs request, ServerCallContext context)
    {
        if (RefuseInMetadataMode() is { } refusal)
        {
            return new InitializeReply { Err = refusal };
        }

        try
        {
            if (Backend.Definition.Initialize is { } initialize)
            {
                await initialize(Backend.Storage, context.CancellationToken).ConfigureAwait(false);
            }

            return new InitializeReply();
        }
        catch (RequestException exception)
        {
            return new InitializeReply { Err = ProtoTranslation.ToProto(exception).Error };
        }
    }

    public override async Task<HandleRequestReply> HandleRequest(HandleRequestArgs request, ServerCallContext context)
    {
        if (RefuseInMetadataMode() is { } refusal)
        {
            return new HandleRequestReply { Err = refusal };
        }

        try
        {
            var logical = ProtoTranslation.ToLogical(request.Request);
            var response = await Backend.HandleRequestAsync(logical, context.CancellationToken).ConfigureAwait(false);
            return response is null ? new HandleRequestReply() : new HandleRequestReply { Response = ProtoTranslation.ToProto(response) };
        }
        catch (RequestException exception)
        {
            var (response, error) = ProtoTranslation.ToProto(exception, request.Request?.Operation ?? "");
            return new HandleRequestReply { Response = response, Err = error };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            log.Write(HclogLevel.Error, "backend", "request failed", [
                new("operation", request.Request?.Operation), new("path", request.Request?.Path), new("error", HclogWriter.Describe(exception))]);
            return new HandleRequestReply { Err = new ProtoError { ErrType = 2, ErrMsg = "internal error" } };
        }
    }

    public override async Task<HandleExistenceCheckReply> HandleExistenceCheck(HandleExistenceCheckArgs request, ServerCallContext context)
    {
        if (RefuseInMetadataMode() is { } refusal)
        {
            return new HandleExistenceCheckReply { Err = refusal };
        }

        try
        {
            var (found, exists) = await Backend.CheckExistenceAsync(ProtoTranslation.ToLogical(request.Request), context.CancellationToken).ConfigureAwait(false);
            return new HandleExistenceCheckReply { CheckFound = found, Exists = exists };
        }
        catch (RequestException exception)
        {
            return new HandleExistenceCheckReply { Err = ProtoTranslation.ToProto(exception).Error };
        }
    }

    public override Task<Empty> InvalidateKey(InvalidateKeyArgs request, ServerCallContext context)
    {
        _backend?.Definition.Invalidate?.Invoke(request.Key);
        return Task.FromResult(new Empty());
    }

    public override async Task<Empty> Cleanup(Empty request, ServerCallContext context)
    {
        if (_backend?.Definition.Cleanup is { } cleanup)
        {
            await cleanup().ConfigureAwait(false);
        }

        _session.Dispose();
        return new Empty();
    }

    private PluginBackend Backend => _backend ?? throw RequestException.Internal("backend is not set up");

    private ProtoError? RefuseInMetadataMode() =>
        runtime.MetadataMode ? new ProtoError { ErrType = 2, ErrMsg = "plugin is in metadata mode" } : null;
}
