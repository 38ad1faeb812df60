using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;

namespace VaultEc2Auth.Storage;

/// <summary>Typed JSON entries in the mount's storage (source-generated serialization, AOT-safe).</summary>
public static class StoredJson
{
    public static async Task<T?> ReadAsync<T>(IStorage storage, string key, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var entry = await storage.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return entry is null ? null : Parse(key, entry.Value, type);
    }

    /// <summary>The record stored at <paramref name="key"/>; a corrupt one is a 500 that names the key, never its content.</summary>
    public static T? Parse<T>(string key, byte[] value, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(value, type);
        }
        catch (JsonException exception)
        {
            throw RequestException.Internal($"stored entry {key} is corrupt", exception);
        }
    }

    public static Task WriteAsync<T>(IStorage storage, string key, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken, bool sealWrap = false) =>
        storage.PutAsync(new StorageEntry(key, JsonSerializer.SerializeToUtf8Bytes(value, type), sealWrap), cancellationToken);
}
