using System.Text.Json.Serialization;
using VaultEc2Auth.Config;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Login;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Tidy;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.Storage;

/// <summary>Every record this plugin keeps in Vault's storage, snake_case like Vault's own entries.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CloudClientSettings))]
[JsonSerializable(typeof(VaultConfigEntry))]
[JsonSerializable(typeof(CertificateEntry))]
[JsonSerializable(typeof(AccountStsRole))]
[JsonSerializable(typeof(AccessListEntry))]
[JsonSerializable(typeof(InstanceRecord))]
[JsonSerializable(typeof(OwnershipClaim))]
[JsonSerializable(typeof(RoleEntry))]
[JsonSerializable(typeof(TemplateEntry))]
[JsonSerializable(typeof(TidyConfig))]
[JsonSerializable(typeof(TidyReport))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
