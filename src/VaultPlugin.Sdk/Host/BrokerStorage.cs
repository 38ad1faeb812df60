using Google.Protobuf;
using Grpc.Core;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Protocol;

namespace VaultPlugin.Sdk.Host;

/// <summary>pb.Storage on the host's broker listener: the only place this plugin keeps state.</summary>
internal sealed class BrokerStorage(Storage.StorageClient client) : IStorage
{
    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var reply = await Call(() => client.ListAsync(new StorageListArgs { Prefix = prefix }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        ThrowIfFailed(reply.Err);
        return reply.Keys;
    }

    public async Task<StorageEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var reply = await Call(() => client.GetAsync(new StorageGetArgs { Key = key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        ThrowIfFailed(reply.Err);
        return reply.Entry is null ? null : new StorageEntry(reply.Entry.Key, reply.Entry.Value.ToByteArray(), reply.Entry.SealWrap);
    }

    public async Task PutAsync(StorageEntry entry, CancellationToken cancellationToken)
    {
        var message = new Protocol.StorageEntry { Key = entry.Key, Value = ByteString.CopyFrom(entry.Value), SealWrap = entry.SealWrap };
        var reply = await Call(() => client.PutAsync(new StoragePutArgs { Entry = message }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        ThrowIfFailed(reply.Err);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var reply = await Call(() => client.DeleteAsync(new StorageDeleteArgs { Key = key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        ThrowIfFailed(reply.Err);
    }

    private static void ThrowIfFailed(string error)
    {
        if (!string.IsNullOrEmpty(error))
        {
            throw new RequestException(RequestErrorKind.Storage, error);
        }
    }

    private static async Task<T> Call<T>(Func<AsyncUnaryCall<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException exception)
        {
            throw new RequestException(RequestErrorKind.Storage, $"storage unavailable: {exception.Status.Detail}", 0, exception);
        }
    }
}
