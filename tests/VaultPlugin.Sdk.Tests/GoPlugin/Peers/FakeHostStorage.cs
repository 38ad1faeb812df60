using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Core;
using VaultPlugin.Sdk.Protocol;

namespace VaultPlugin.Sdk.Tests.GoPlugin.Peers;

/// <summary>
/// The host's pb.Storage as go-plugin serves it on a broker listener: the mount's entries in memory. A read-only
/// switch answers writes the way a performance standby does, with Vault's exact text.
/// </summary>
internal sealed class FakeHostStorage : Protocol.Storage.StorageBase
{
    public const string ReadOnlyError = "cannot write to readonly storage";

    public ConcurrentDictionary<string, ByteString> Entries { get; } = new(StringComparer.Ordinal);

    public bool ReadOnly { get; set; }

    public override Task<StorageListReply> List(StorageListArgs request, ServerCallContext context)
    {
        var reply = new StorageListReply();
        reply.Keys.AddRange(Entries.Keys
            .Where(key => key.StartsWith(request.Prefix, StringComparison.Ordinal))
            .Select(key => key[request.Prefix.Length..])
            .Select(rest => rest.Contains('/') ? rest[..(rest.IndexOf('/') + 1)] : rest)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal));
        return Task.FromResult(reply);
    }

    public override Task<StorageGetReply> Get(StorageGetArgs request, ServerCallContext context) =>
        Task.FromResult(Entries.TryGetValue(request.Key, out var value)
            ? new StorageGetReply { Entry = new StorageEntry { Key = request.Key, Value = value } }
            : new StorageGetReply());

    public override Task<StoragePutReply> Put(StoragePutArgs request, ServerCallContext context)
    {
        if (ReadOnly)
        {
            return Task.FromResult(new StoragePutReply { Err = ReadOnlyError });
        }

        Entries[request.Entry.Key] = request.Entry.Value;
        return Task.FromResult(new StoragePutReply());
    }

    public override Task<StorageDeleteReply> Delete(StorageDeleteArgs request, ServerCallContext context)
    {
        Entries.TryRemove(request.Key, out _);
        return Task.FromResult(new StorageDeleteReply());
    }
}
