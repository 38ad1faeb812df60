using System.Globalization;
using System.Text.Json.Nodes;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Roles;
using VaultEc2Auth.Sdk.Framework;
using VaultEc2Auth.Writing;

namespace VaultEc2Auth.Login;

/// <summary>The auth block of a login (step 9) and the document facts renewal needs back from Vault.</summary>
public static class TokenAuth
{
    /// <summary>The role's token_policies this token was issued with; renewal refuses once the role drops one.</summary>
    private const string IssuedRolePoliciesKey = "token_policies";

    public static AuthData ForLogin(RoleEntry role, RenderedSet written, VerifiedDocument document, InstanceFacts instance, string? generatedNonce)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
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

        if (!DateTimeOffset.TryParse(Required("pending_time"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var pendingTime))
        {
            throw RequestException.BadRequest("the token's internal data is incomplete: log in again");
        }

        var document = new VerifiedDocument(Required("instance_id"), Required("account_id"), Required("region"),
            data["availability_zone"]?.GetValue<string>(), pendingTime, Required("image_id"), null, null, null);
        var rolePolicies = data[IssuedRolePoliciesKey] is JsonArray issued
            ? issued.Select(policy => policy?.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? policy.GetValue<string>()
                : throw RequestException.BadRequest("the token's internal data is incomplete: log in again")).ToList()
            : throw RequestException.BadRequest("the token's internal data is incomplete: log in again");
        return (document, Required("role"), rolePolicies);
    }
}
