using System.Text.Json.Nodes;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Storage;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Config;

/// <summary><c>config/client</c>: how the plugin reaches the cloud's APIs. The secret key is never returned or logged.</summary>
/// <param name="aws">AWS's identifier rules (its adapter's): <c>region</c> and <c>sts_region</c> are checked with them.</param>
/// <param name="gce">GCE's identifier rules, when the GCE adapter is mounted: <c>gce_project</c> is checked with them.</param>
public sealed class ClientConfigPath(CachedEntry<CloudClientSettings> entry, IInstanceIdentifierRules aws, IInstanceIdentifierRules? gce)
{
    public const string StorageKey = "config/client";

    public PathDefinition Definition => new()
    {
        Pattern = new PathPattern("config/client"),
        Fields = WithAliases(new Dictionary<string, FieldSchema>
        {
            ["cloud_provider"] = new(FieldType.String, "Which cloud instances log in from: aws or gce.") { Default = "aws", AllowedValues = ["aws", "gce"] },
            ["access_key"] = new(FieldType.String, "AWS access key ID. Leave unset to use the SDK's default credential chain (environment, shared file, instance role).") { MaxLength = 128 },
            ["secret_key"] = new(FieldType.String, "AWS secret access key. Never returned on read.") { Sensitive = true, MaxLength = 256 },
            ["region"] = new(FieldType.String, "Region for STS and IAM calls (EC2 is always asked in the instance's region). Empty: the region Vault runs in, from the EC2 instance metadata service, else the instance's region.") { MaxLength = 64 },
            ["ec2_endpoint"] = new(FieldType.String, "URL overriding the EC2 API endpoint.") { MaxLength = 512 },
            ["iam_endpoint"] = new(FieldType.String, "URL overriding the IAM API endpoint.") { MaxLength = 512 },
            ["sts_endpoint"] = new(FieldType.String, "URL overriding the STS API endpoint (used for config/sts roles).") { MaxLength = 512 },
            ["sts_region"] = new(FieldType.String, "Region STS AssumeRole is signed for and, without sts_endpoint, sent to. Empty: the region above.") { MaxLength = 64 },
            ["max_retries"] = new(FieldType.Int, "Retries for throttled or failed AWS calls; -1 uses the SDK's default.") { Default = -1 },
            ["gce_credentials"] = new(FieldType.String, "GCE: a service-account JSON key the plugin calls the Compute API with. Never returned on read. Empty: the metadata server's credentials (Vault on GCE).") { Sensitive = true, MaxLength = GceServiceAccountKey.MaxLength },
            ["gce_project"] = new(FieldType.String, "GCE: the only project instances may log in from; empty: any project the describer can read (bind roles with bound_projects).") { MaxLength = 64 },
            ["gce_audience"] = new(FieldType.String, "GCE: the aud every instance identity token must carry, e.g. the Vault address plus the mount (https://vault.example.com/v1/auth/gce). Required for GCE logins.") { MaxLength = 512 },
            ["gce_compute_endpoint"] = new(FieldType.String, "GCE: URL overriding the Compute Engine API (tests).") { MaxLength = 512 },
            ["gce_certs_endpoint"] = new(FieldType.String, "GCE: URL overriding Google's published signing keys (tests).") { MaxLength = 512 },
        }),
        ExistenceCheck = async (context, _) => await entry.GetAsync(context.Storage, context.CancellationToken).ConfigureAwait(false) is not null,
        Operations = new Dictionary<string, PathOperation>
        {
            [Operations.Read] = new(ReadAsync, "Read the cloud client configuration (without the secret key)."),
            [Operations.Create] = new(WriteAsync, "Configure the cloud client."),
            [Operations.Update] = new(WriteAsync, "Configure the cloud client."),
            [Operations.Delete] = new(DeleteAsync, "Remove the cloud client configuration."),
        },
        HelpSynopsis = "Configure how the plugin reaches the cloud provider's APIs.",
        HelpDescription = """
            The plugin calls EC2 DescribeInstances and IAM GetInstanceProfile to check each instance that logs in.
            Give it an access key pair here, or leave the keys unset to use the AWS SDK's default credential chain
            (for example the instance role of the Vault server). The endpoint fields point the plugin at other
            endpoints (VPC endpoints, test servers). The secret key is stored seal-wrapped and never returned.
            aws_access_id, aws_secret_id and aws_region are accepted as aliases of access_key, secret_key and
            region (the original specification's names); a read shows the canonical names. Instances of other
            accounts are described through the roles set at config/sts/<account_id>.
            """,
    };

    private async Task<LogicalResponse?> ReadAsync(RequestContext context, FieldData fields)
    {
        var config = await entry.GetAsync(context.Storage, context.CancellationToken).ConfigureAwait(false);
        if (config is null)
        {
            return null;
        }

        return LogicalResponse.WithData(new JsonObject
        {
            ["cloud_provider"] = config.CloudProvider,
            ["access_key"] = config.AccessKey ?? "",
            ["secret_key_set"] = !string.IsNullOrEmpty(config.SecretKey),
            ["region"] = config.Region ?? "",
            ["ec2_endpoint"] = config.Ec2Endpoint ?? "",
            ["iam_endpoint"] = config.IamEndpoint ?? "",
            ["sts_endpoint"] = config.StsEndpoint ?? "",
            ["sts_region"] = config.StsRegion ?? "",
            ["max_retries"] = config.MaxRetries,
            ["gce_credentials_set"] = !string.IsNullOrEmpty(config.GceCredentials),
            ["gce_project"] = config.GceProject ?? "",
            ["gce_audience"] = config.GceAudience ?? "",
            ["gce_compute_endpoint"] = config.GceComputeEndpoint ?? "",
            ["gce_certs_endpoint"] = config.GceCertsEndpoint ?? "",
        });
    }

    private async Task<LogicalResponse?> WriteAsync(RequestContext context, FieldData fields)
    {
        var existing = await entry.GetAsync(context.Storage, context.CancellationToken).ConfigureAwait(false);
        string? Pick(string name, string? current) => ClientConfigAliases.IsSet(fields, name) ? NullIfEmpty(ClientConfigAliases.GetString(fields, name)) : current;

        var config = new CloudClientSettings(
            CloudProvider: fields.IsSet("cloud_provider") || existing is null ? fields.GetString("cloud_provider")! : existing.CloudProvider,
            AccessKey: Pick("access_key", existing?.AccessKey),
            SecretKey: Pick("secret_key", existing?.SecretKey),
            Region: Region("region", Pick("region", existing?.Region)),
            Ec2Endpoint: Endpoint(fields, "ec2_endpoint", existing?.Ec2Endpoint),
            IamEndpoint: Endpoint(fields, "iam_endpoint", existing?.IamEndpoint),
            StsEndpoint: Endpoint(fields, "sts_endpoint", existing?.StsEndpoint),
            MaxRetries: fields.IsSet("max_retries") || existing is null ? MaxRetries(fields) : existing.MaxRetries)
        {
            StsRegion = Region("sts_region", Pick("sts_region", existing?.StsRegion)),
            GceCredentials = fields.IsSet("gce_credentials") ? GceServiceAccountKey.Check(NullIfEmpty(fields.GetString("gce_credentials"))) : existing?.GceCredentials,
            GceProject = GceProject(Pick("gce_project", existing?.GceProject)),
            GceAudience = Pick("gce_audience", existing?.GceAudience),
            GceComputeEndpoint = GoogleEndpoint(fields, "gce_compute_endpoint", existing?.GceComputeEndpoint),
            GceCertsEndpoint = GoogleEndpoint(fields, "gce_certs_endpoint", existing?.GceCertsEndpoint),
        };

        if (config.AccessKey is null != (config.SecretKey is null))
        {
            throw RequestException.BadRequest("access_key and secret_key must be set together");
        }

        // The key pair signs every request to these endpoints; region does not decide where requests go (each call
        // goes to the region of the instance's document), so it may change alone.
        if (existing is not null)
        {
            SecretDestination.RequireSecretForNewDestination(
                keepsStoredSecret: config.SecretKey is not null && !(ClientConfigAliases.IsSet(fields, "access_key") && ClientConfigAliases.IsSet(fields, "secret_key")),
                "access_key and secret_key",
                ("ec2_endpoint", existing.Ec2Endpoint, config.Ec2Endpoint),
                ("iam_endpoint", existing.IamEndpoint, config.IamEndpoint),
                ("sts_endpoint", existing.StsEndpoint, config.StsEndpoint));
            // The key's own token_uri is where its signed assertions go; the Compute endpoint gets the access token,
            // made from the key or, without one, from the metadata server (Vault's own identity): either way a new
            // destination needs gce_credentials stated again (empty: the metadata server's).
            SecretDestination.RequireSecretForNewDestination(
                keepsStoredSecret: !fields.IsSet("gce_credentials"),
                "gce_credentials",
                ("gce_compute_endpoint", existing.GceComputeEndpoint, config.GceComputeEndpoint));
        }

        await entry.PutAsync(context.Storage, config, context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task<LogicalResponse?> DeleteAsync(RequestContext context, FieldData fields)
    {
        await entry.DeleteAsync(context.Storage, context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private static Dictionary<string, FieldSchema> WithAliases(Dictionary<string, FieldSchema> fields)
    {
        foreach (var (alias, schema) in ClientConfigAliases.Schema(fields))
        {
            fields.Add(alias, schema);
        }
        return fields;
    }

    private string? Region(string name, string? region) =>
        region is null || aws.IsRegion(region) ? region : throw RequestException.BadRequest($"{name} must be an AWS region name such as eu-west-1");

    private string? GceProject(string? project) =>
        project is null || gce?.IsAccountId(project) == true ? project
            : throw RequestException.BadRequest("gce_project must be a GCE project id such as my-project-123");

    private static int MaxRetries(FieldData fields)
    {
        var retries = fields.GetInt("max_retries");
        return retries is >= -1 and <= 100 ? (int)retries
            : throw RequestException.BadRequest("max_retries must be -1 (SDK default) or between 0 and 100");
    }

    private static string? Endpoint(FieldData fields, string name, string? current)
    {
        if (!fields.IsSet(name))
        {
            return current;
        }

        var text = NullIfEmpty(fields.GetString(name));
        if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.UserInfo)))
        {
            throw RequestException.BadRequest($"{name} must be an absolute http or https URL");
        }

        return text;
    }

    private static string? GoogleEndpoint(FieldData fields, string name, string? current)
    {
        if (!fields.IsSet(name))
        {
            return current;
        }

        var text = NullIfEmpty(fields.GetString(name));
        return text is null || GoogleEndpointUrl.TryParse(text, out _) ? text
            : throw RequestException.BadRequest($"{name} must be {GoogleEndpointUrl.Requirement}");
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
