using System.Text.Json.Serialization;
using VaultEc2Auth.Config;

namespace VaultEc2Auth.Storage;

/// <summary>Every record this plugin keeps in Vault's storage, snake_case like Vault's own entries.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClientConfigEntry))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
