using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;

namespace VaultEc2Auth.Aws.Identity;

/// <summary>The identity document's JSON shape; unknown keys (billingProducts, version…) are ignored.</summary>
internal sealed class IdentityDocumentJson
{
    [JsonPropertyName("accountId")] public string? AccountId { get; set; }
    [JsonPropertyName("instanceId")] public string? InstanceId { get; set; }
    [JsonPropertyName("region")] public string? Region { get; set; }
    [JsonPropertyName("imageId")] public string? ImageId { get; set; }
    [JsonPropertyName("pendingTime")] public string? PendingTime { get; set; }
    [JsonPropertyName("availabilityZone")] public string? AvailabilityZone { get; set; }
    [JsonPropertyName("instanceType")] public string? InstanceType { get; set; }
    [JsonPropertyName("privateIp")] public string? PrivateIp { get; set; }
    [JsonPropertyName("architecture")] public string? Architecture { get; set; }
}

[JsonSourceGenerationOptions(
    AllowDuplicateProperties = false,
    MaxDepth = 8,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(IdentityDocumentJson))]
internal sealed partial class IdentityDocumentJsonContext : JsonSerializerContext;

/// <summary>Parses the verified bytes strictly into a <see cref="VerifiedDocument"/>.</summary>
internal static partial class IdentityDocumentParser
{
    private static readonly AwsIdentifierRules Rules = new();

    public static VerifiedDocument Parse(byte[] verifiedContent)
    {
        IdentityDocumentJson? json;
        try
        {
            json = JsonSerializer.Deserialize(verifiedContent, IdentityDocumentJsonContext.Default.IdentityDocumentJson);
        }
        catch (JsonException)
        {
            throw NotADocument();
        }
        if (json is null)
        {
            throw NotADocument();
        }
        var accountId = Require(json.AccountId, Rules.IsAccountId, "accountId");
        var instanceId = Require(json.InstanceId, Rules.IsInstanceId, "instanceId");
        var region = Require(json.Region, Rules.IsRegion, "region");
        var imageId = Require(json.ImageId, Rules.IsImageId, "imageId");
        var pendingTime = ParseRfc3339(Require(json.PendingTime, Rfc3339Pattern().IsMatch, "pendingTime"));
        return new VerifiedDocument(
            instanceId, accountId, region, json.AvailabilityZone, pendingTime, imageId,
            json.InstanceType, json.PrivateIp, json.Architecture);
    }

    private static string Require(string? value, Func<string, bool> isValid, string field)
    {
        if (value is null || !isValid(value))
        {
            throw new InvalidInput($"identity document: missing or malformed {field}");
        }
        return value;
    }

    private static DateTimeOffset ParseRfc3339(string text)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            throw new InvalidInput("identity document: missing or malformed pendingTime");
        }
        return parsed;
    }

    private static InvalidInput NotADocument() => new InvalidInput("signed content is not an identity document");

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Pattern();
}
