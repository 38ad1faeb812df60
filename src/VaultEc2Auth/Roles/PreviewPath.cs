using System.Text.Json.Nodes;
using VaultEc2Auth.Config;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Login;
using VaultEc2Auth.Sdk.Framework;
using VaultEc2Auth.Storage;
using VaultEc2Auth.Templates;

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
            var fields = new Dictionary<string, FieldSchema>(LoginInput.Schema().Where(entry => entry.Key is "pkcs7" or "identity" or "signature"))
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
            };
            return new PathDefinition
            {
                Pattern = new PathPattern("roles/{name}/preview"),
                Fields = fields,
                Operations = new Dictionary<string, PathOperation> { [Operations.Update] = new(PreviewAsync, "Preview what a login would write.") },
                HelpSynopsis = "Show the policies and objects a login with this role would write, without writing them.",
                HelpDescription = """
                    Give the instance's values (instance_id, account_id, region, fqdn, private_ip, tags, ...) or its
                    signed document (pkcs7, or identity and signature; then EC2 and IAM are asked like at login).
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

        var instance = fields.IsSet("pkcs7") || fields.IsSet("identity")
            ? await DescribeAsync(context, fields).ConfigureAwait(false)
            : FromValues(fields, role);

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
        var certificates = await parts.Certificates.AllAsync(context.Storage, context.CancellationToken).ConfigureAwait(false);
        var document = parts.Verifier.Verify(proof, certificates);
        return await parts.DescribeAsync(context.Storage, document, context.CancellationToken).ConfigureAwait(false);
    }

    private static InstanceFacts FromValues(FieldData fields, RoleEntry role)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields.GetMap("tags") ?? [])
        {
            tags[key] = value?.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? value.GetValue<string>()
                : throw RequestException.BadRequest($"tags: the value of {key} must be a string");
        }

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
}
