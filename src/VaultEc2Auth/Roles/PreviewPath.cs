using System.Text.Json.Nodes;
using VaultEc2Auth.Config;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Login;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Templates;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Roles;

/// <summary>
/// <c>roles/&lt;name&gt;/preview</c>: exactly what a login with this role would write for an instance, given either
/// the instance's values or its signed document (then verified and described like a login). Writes nothing.
/// </summary>
public sealed class PreviewPath(LoginParts parts, ITemplateRenderer renderer, CachedEntry<VaultConfigEntry> vaultConfig)
{
    public PathDefinition Definition
    {
        get
        {
            var fields = new Dictionary<string, FieldSchema>(LoginInput.Schema().Where(entry => entry.Key is "pkcs7" or "identity" or "signature" or "jwt"))
            {
                ["name"] = new(FieldType.Name, "Name of the role."),
                ["instance_id"] = new(FieldType.String, "Instance ID, e.g. i-0123456789abcdef0.") { MaxLength = 32 },
                ["account_id"] = new(FieldType.String, "AWS account ID.") { MaxLength = 12 },
                ["region"] = new(FieldType.String, "Region, e.g. eu-west-1.") { MaxLength = 32 },
                ["availability_zone"] = new(FieldType.String, "Availability zone.") { MaxLength = 32 },
                ["image_id"] = new(FieldType.String, "AMI ID.") { MaxLength = 32 },
                ["instance_type"] = new(FieldType.String, "Instance type.") { MaxLength = 64 },
                ["fqdn"] = new(FieldType.String, "Private DNS name.") { MaxLength = 253 },
                ["private_ip"] = new(FieldType.String, "Private IPv4 address.") { MaxLength = 15 },
                ["iam_role_arn"] = new(FieldType.String, "The instance's IAM role ARN.") { MaxLength = 2048 },
                ["tags"] = new(FieldType.Map, "The instance's tags as a JSON object of strings."),
                ["project_id"] = new(FieldType.String, "GCE: the project id (instead of account_id).") { MaxLength = 30 },
                ["zone"] = new(FieldType.String, "GCE: the zone, e.g. us-central1-a (the region follows from it).") { MaxLength = 64 },
                ["instance_name"] = new(FieldType.String, "GCE: the instance name.") { MaxLength = 63 },
                ["service_account"] = new(FieldType.String, "GCE: the instance's service-account email.") { MaxLength = 320 },
                ["labels"] = new(FieldType.Map, "GCE: the instance's labels as a JSON object of strings."),
            };
            return new PathDefinition
            {
                Pattern = new PathPattern("roles/{name}/preview"),
                Fields = fields,
                Operations = new Dictionary<string, PathOperation> { [Operations.Update] = new(PreviewAsync, "Preview what a login would write.") },
                HelpSynopsis = "Show the policies and objects a login with this role would write, without writing them.",
                HelpDescription = """
                    Give the instance's values (instance_id, account_id, region, fqdn, private_ip, tags, ...; for a
                    GCE role instance_id, project_id, zone, instance_name, service_account, labels, fqdn, private_ip)
                    or its signed proof (pkcs7, or identity and signature, or a GCE jwt; then the cloud is asked
                    like at login).
                    The answer lists 'policies' ({name, policy}) and 'generic' objects ({path, data}) exactly as a
                    login would write them. Nothing is written to Vault or to storage.
                    """,
            };
        }
    }

    private async Task<LogicalResponse?> PreviewAsync(RequestContext context, FieldData fields)
    {
        var (storage, cancellationToken) = (context.Storage, context.CancellationToken);
        var roleName = fields.RequireString("name");
        var role = await parts.Roles.GetAsync(storage, roleName, cancellationToken).ConfigureAwait(false)
                   ?? throw RequestException.NotFound($"role {roleName} does not exist");

        var instance = fields.IsSet("pkcs7") || fields.IsSet("identity") || fields.IsSet("jwt")
            ? await DescribeAsync(context, fields).ConfigureAwait(false)
            : role.CloudProvider == CloudProviders.Gce ? FromGceValues(fields) : FromValues(fields, role);

        var templates = await parts.Roles.TemplatesOfAsync(storage, role.Name, cancellationToken).ConfigureAwait(false);
        var prefix = (await vaultConfig.GetAsync(storage, cancellationToken).ConfigureAwait(false))?.PolicyPrefix ?? VaultConfigEntry.DefaultPolicyPrefix;
        var rendered = renderer.Render(templates, InstanceVariables.For(instance, role, parts.IdentifierRules), prefix);

        return LogicalResponse.WithData(new JsonObject
        {
            ["policies"] = new JsonArray([.. rendered.Policies.Select(policy => (JsonNode)new JsonObject { ["name"] = policy.Name, ["policy"] = policy.Policy })]),
            ["generic"] = new JsonArray([.. rendered.Objects.Select(item => (JsonNode)new JsonObject { ["path"] = item.Path, ["data"] = item.Data.DeepClone() })]),
        });
    }

    private async Task<InstanceFacts> DescribeAsync(RequestContext context, FieldData fields)
    {
        var proof = LoginInput.ProofFrom(fields);
        var document = await parts.VerifyAsync(context.Storage, proof, context.CancellationToken).ConfigureAwait(false);
        return await parts.DescribeAsync(context.Storage, document, context.CancellationToken).ConfigureAwait(false);
    }

    private static InstanceFacts FromGceValues(FieldData fields)
    {
        var zone = fields.RequireString("zone");
        var dash = zone.LastIndexOf('-');
        return new InstanceFacts(
            InstanceId: fields.RequireString("instance_id"),
            AccountId: fields.GetString("project_id") ?? fields.RequireString("account_id"),
            Region: dash > 0 ? zone[..dash] : zone,
            State: InstanceState.Running,
            IamInstanceProfileArn: null,
            IamRoleArn: null,
            PrivateDnsName: fields.GetString("fqdn"),
            PrivateIpv4: fields.GetString("private_ip"),
            VpcId: null,
            SubnetId: null,
            ImageId: "",
            InstanceType: null,
            AvailabilityZone: zone,
            LaunchTime: null,
            Tags: new Dictionary<string, string>())
        {
            CloudProvider = CloudProviders.Gce,
            InstanceName = fields.GetString("instance_name"),
            ServiceAccounts = fields.GetString("service_account") is { Length: > 0 } account ? [account] : [],
            Labels = StringMap(fields, "labels"),
        };
    }

    private static InstanceFacts FromValues(FieldData fields, RoleEntry role)
    {
        var tags = StringMap(fields, "tags");

        return new InstanceFacts(
            InstanceId: fields.RequireString("instance_id"),
            AccountId: fields.RequireString("account_id"),
            Region: fields.RequireString("region"),
            State: InstanceState.Running,
            IamInstanceProfileArn: null,
            IamRoleArn: fields.GetString("iam_role_arn") ?? role.IamRoleArn.TrimEnd('*'),
            PrivateDnsName: fields.GetString("fqdn"),
            PrivateIpv4: fields.GetString("private_ip"),
            VpcId: null,
            SubnetId: null,
            ImageId: fields.GetString("image_id") ?? "",
            InstanceType: fields.GetString("instance_type"),
            AvailabilityZone: fields.GetString("availability_zone"),
            LaunchTime: null,
            Tags: tags);
    }

    private static Dictionary<string, string> StringMap(FieldData fields, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields.GetMap(name) ?? [])
        {
            map[key] = value?.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? value.GetValue<string>()
                : throw RequestException.BadRequest($"{name}: the value of {key} must be a string");
        }

        return map;
    }
}
