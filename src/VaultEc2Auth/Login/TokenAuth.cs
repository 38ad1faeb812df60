using System.Globalization;
using System.Text.Json.Nodes;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Writing;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Login;

/// <summary>The auth block of a login (step 9) and the document facts renewal needs back from Vault.</summary>
public static class TokenAuth
{
    /// <summary>The role's token_policies this token was issued with; renewal refuses once the role drops one.</summary>
    private const string IssuedRolePoliciesKey = "token_policies";

    public static AuthData ForLogin(RoleEntry role, RenderedSet written, VerifiedDocument document, InstanceFacts instance, string? generatedNonce)
    {
        var metadata = instance.CloudProvider == CloudProviders.Gce
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["instance_id"] = instance.InstanceId,
                ["project_id"] = instance.AccountId,
                ["zone"] = instance.AvailabilityZone ?? "",
                ["instance_name"] = instance.InstanceName ?? "",
                ["service_account_email"] = document.ServiceAccountEmail ?? "",
                ["role"] = role.Name,
                ["fqdn"] = instance.PrivateDnsName?.ToLowerInvariant() ?? "",
            }
            : new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["instance_id"] = instance.InstanceId,
                ["account_id"] = instance.AccountId,
                ["region"] = instance.Region,
                ["role"] = role.Name,
                ["iam_role_arn"] = instance.IamRoleArn ?? "",
                ["fqdn"] = instance.PrivateDnsName?.ToLowerInvariant() ?? "",
                ["ami_id"] = instance.ImageId,
            };
        if (generatedNonce is not null)
        {
            metadata["nonce"] = generatedNonce;
        }

        var token = role.Token;
        return new AuthData
        {
            Policies = [.. written.Policies.Select(policy => policy.Name).Concat(token.Policies).Distinct(StringComparer.Ordinal)],
            Metadata = metadata,
            DisplayName = instance.InstanceId,
            AliasName = instance.InstanceId,
            InternalData = new JsonObject
            {
                ["instance_id"] = document.InstanceId,
                ["account_id"] = document.AccountId,
                ["region"] = document.Region,
                ["image_id"] = document.ImageId,
                ["availability_zone"] = document.AvailabilityZone,
                ["pending_time"] = document.PendingTime.ToString("O", CultureInfo.InvariantCulture),
                ["cloud_provider"] = document.CloudProvider,
                ["instance_name"] = document.InstanceName,
                ["instance_creation_time"] = document.InstanceCreationTime?.ToString("O", CultureInfo.InvariantCulture),
                ["service_account_email"] = document.ServiceAccountEmail,
                ["role"] = role.Name,
                [IssuedRolePoliciesKey] = new JsonArray([.. token.Policies.Select(policy => (JsonNode)policy)]),
            },
            Ttl = TimeSpan.FromSeconds(token.TtlSeconds),
            MaxTtl = TimeSpan.FromSeconds(token.MaxTtlSeconds),
            Period = TimeSpan.FromSeconds(token.PeriodSeconds),
            ExplicitMaxTtl = TimeSpan.FromSeconds(token.ExplicitMaxTtlSeconds),
            NumUses = token.NumUses,
            BoundCidrs = token.BoundCidrs,
            TokenType = token.WireType,
            NoDefaultPolicy = token.NoDefaultPolicy,
            Renewable = token.Renewable,
        };
    }

    /// <summary>The document facts stored at login; verified then, so renewal may trust them.</summary>
    public static (VerifiedDocument Document, string Role, IReadOnlyList<string> RolePolicies) ReadInternalData(JsonObject data)
    {
        string Required(string key) => data[key]?.GetValueKind() == System.Text.Json.JsonValueKind.String && data[key]!.GetValue<string>() is { Length: > 0 } value
            ? value
            : throw RequestException.BadRequest("the token's internal data is incomplete: log in again");
        string? Optional(string key) => data[key]?.GetValueKind() == System.Text.Json.JsonValueKind.String && data[key]!.GetValue<string>() is { Length: > 0 } value
            ? value
            : null;

        if (!DateTimeOffset.TryParse(Required("pending_time"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var pendingTime))
        {
            throw RequestException.BadRequest("the token's internal data is incomplete: log in again");
        }

        // Tokens issued before GCE carry no cloud_provider: they are EC2's.
        var cloudProvider = Optional("cloud_provider") ?? CloudProviders.Aws;
        if (cloudProvider is not (CloudProviders.Aws or CloudProviders.Gce))
        {
            throw RequestException.BadRequest("the token's internal data is incomplete: log in again");
        }

        DateTimeOffset? creationTime = Optional("instance_creation_time") is { } created
            && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : null;
        var document = new VerifiedDocument(Required("instance_id"), Required("account_id"), Required("region"),
            Optional("availability_zone"), pendingTime, cloudProvider == CloudProviders.Gce ? "" : Required("image_id"), null, null, null)
        {
            CloudProvider = cloudProvider,
            InstanceName = Optional("instance_name"),
            InstanceCreationTime = creationTime,
            ServiceAccountEmail = Optional("service_account_email"),
        };
        var rolePolicies = data[IssuedRolePoliciesKey] is JsonArray issued
            ? issued.Select(policy => policy?.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? policy.GetValue<string>()
                : throw RequestException.BadRequest("the token's internal data is incomplete: log in again")).ToList()
            : throw RequestException.BadRequest("the token's internal data is incomplete: log in again");
        return (document, Required("role"), rolePolicies);
    }
}
