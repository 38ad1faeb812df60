using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Roles;

/// <summary><c>roles/&lt;name&gt;</c> and the list <c>roles/</c>.</summary>
public sealed partial class RolePaths(RoleStore roles)
{
    public IEnumerable<PathDefinition> Definitions =>
    [
        new()
        {
            Pattern = new PathPattern("roles/"),
            Operations = new Dictionary<string, PathOperation> { [Operations.List] = new(ListAsync, "List the roles.") },
            HelpSynopsis = "List the configured roles.",
            HelpDescription = "Lists the names of the roles instances can log in with.",
        },
        new()
        {
            Pattern = new PathPattern("roles/{name}"),
            Fields = Fields(),
            ExistenceCheck = async (context, fields) =>
                await roles.GetAsync(context.Storage, fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false) is not null,
            Operations = new Dictionary<string, PathOperation>
            {
                [Operations.Read] = new(ReadAsync, "Read a role."),
                [Operations.Create] = new(WriteAsync, "Create a role."),
                [Operations.Update] = new(WriteAsync, "Update a role."),
                [Operations.Delete] = new(DeleteAsync, "Delete a role and its templates."),
            },
            HelpSynopsis = "Match instances by IAM role ARN (EC2) or service account (GCE) and bounds; set where their objects go and what tokens they get.",
            HelpDescription = """
                An instance logs in with a role when its IAM role ARN (behind its instance profile) equals the role's
                iam_role_arn, or starts with it when iam_role_arn ends in '*', and every bound that is set matches
                (each bound is a list; any value matches). A GCE role sets bound_service_accounts instead: an
                instance logs in with it when one of its service accounts is listed and bound_projects,
                bound_zones and bound_labels (key:value, all must match) allow it. The role's templates (templates/<role>/<name>) are
                rendered for the instance at login: policies become Vault ACL policies named <policy_prefix><path>,
                generic objects are written at <base_path>/<path>. The token_* fields have Vault's usual meaning;
                token_policies are added to the instance's own generated policies. When a role is deleted, the policies
                and objects its instances got are removed by the next tidy (tidy/instances, or the periodic one).
                """,
        },
    ];

    private static Dictionary<string, FieldSchema> Fields()
    {
        var fields = new Dictionary<string, FieldSchema>
        {
            ["name"] = new(FieldType.Name, "Name of the role."),
            ["iam_role_arn"] = new(FieldType.String, "EC2: IAM role ARN an instance's profile must carry: exact, or a prefix ending in '*'. Required for an EC2 role.") { MaxLength = 2048 },
            ["base_path"] = new(FieldType.String, "Vault path under which this role's generic objects are written, e.g. 'pki/roles'. No leading or trailing '/', no '..'. Required.") { MaxLength = 512 },
            ["bound_account_id"] = new(FieldType.CommaStringSlice, "AWS account IDs an instance must belong to."),
            ["bound_region"] = new(FieldType.CommaStringSlice, "Regions an instance must run in."),
            ["bound_vpc_id"] = new(FieldType.CommaStringSlice, "VPC IDs an instance must be in."),
            ["bound_subnet_id"] = new(FieldType.CommaStringSlice, "Subnet IDs an instance must be in."),
            ["bound_ami_id"] = new(FieldType.CommaStringSlice, "AMI IDs an instance must run."),
            ["allow_instance_migration"] = new(FieldType.Bool, "Allow a login with a new nonce when the identity document is newer (the instance was stopped and started or moved)."),
            ["disallow_reauthentication"] = new(FieldType.Bool, "Allow only one login per instance until its access-list entry is removed."),
        };
        foreach (var (name, schema) in GceRoleBindings.Schema().Concat(TokenFields.Schema()))
        {
            fields[name] = schema;
        }

        return fields;
    }

    private async Task<LogicalResponse?> ListAsync(RequestContext context, FieldData fields) =>
        LogicalResponse.ListOf(await roles.ListAsync(context.Storage, context.CancellationToken).ConfigureAwait(false));

    private async Task<LogicalResponse?> ReadAsync(RequestContext context, FieldData fields)
    {
        var role = await roles.GetAsync(context.Storage, fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false);
        if (role is null)
        {
            return null;
        }

        var data = new JsonObject
        {
            ["iam_role_arn"] = role.IamRoleArn,
            ["base_path"] = role.BasePath,
            ["bound_account_id"] = TokenFields.Strings(role.BoundAccountId),
            ["bound_region"] = TokenFields.Strings(role.BoundRegion),
            ["bound_vpc_id"] = TokenFields.Strings(role.BoundVpcId),
            ["bound_subnet_id"] = TokenFields.Strings(role.BoundSubnetId),
            ["bound_ami_id"] = TokenFields.Strings(role.BoundAmiId),
            ["allow_instance_migration"] = role.AllowInstanceMigration,
            ["disallow_reauthentication"] = role.DisallowReauthentication,
        };
        GceRoleBindings.Write(role, data);
        TokenFields.Write(role.Token, data);
        return LogicalResponse.WithData(data);
    }

    private async Task<LogicalResponse?> WriteAsync(RequestContext context, FieldData fields)
    {
        var name = RoleStore.CanonicalName(fields.RequireString("name"));
        var existing = await roles.GetAsync(context.Storage, name, context.CancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> List(string field, IReadOnlyList<string>? current) => fields.IsSet(field) ? fields.GetStringList(field) : current ?? [];

        var iamRoleArn = fields.IsSet("iam_role_arn") ? fields.GetString("iam_role_arn") : existing?.IamRoleArn;
        var role = GceRoleBindings.Apply(fields, new RoleEntry(
            Name: name,
            IamRoleArn: iamRoleArn ?? "",
            BasePath: BasePath(fields.IsSet("base_path") ? fields.GetString("base_path") : existing?.BasePath),
            BoundAccountId: List("bound_account_id", existing?.BoundAccountId),
            BoundRegion: List("bound_region", existing?.BoundRegion),
            BoundVpcId: List("bound_vpc_id", existing?.BoundVpcId),
            BoundSubnetId: List("bound_subnet_id", existing?.BoundSubnetId),
            BoundAmiId: List("bound_ami_id", existing?.BoundAmiId),
            AllowInstanceMigration: fields.IsSet("allow_instance_migration") ? fields.GetBool("allow_instance_migration") : existing?.AllowInstanceMigration ?? false,
            DisallowReauthentication: fields.IsSet("disallow_reauthentication") ? fields.GetBool("disallow_reauthentication") : existing?.DisallowReauthentication ?? false,
            Token: TokenFields.Parse(fields, existing?.Token ?? TokenSettings.Default)), existing);

        GceRoleBindings.RequireOneProvider(role, !string.IsNullOrEmpty(iamRoleArn));
        if (role.CloudProvider == Identity.CloudProviders.Aws)
        {
            role = role with { IamRoleArn = IamRoleArn(iamRoleArn) };
        }

        if (role.AllowInstanceMigration && role.DisallowReauthentication)
        {
            throw RequestException.BadRequest("allow_instance_migration and disallow_reauthentication cannot both be true");
        }

        await roles.PutAsync(context.Storage, role, context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task<LogicalResponse?> DeleteAsync(RequestContext context, FieldData fields)
    {
        await roles.DeleteAsync(context.Storage, fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private static string IamRoleArn(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw RequestException.BadRequest("missing iam_role_arn (EC2 role) or bound_service_accounts (GCE role)");
        }

        if (!ArnShape().IsMatch(value))
        {
            throw RequestException.BadRequest("iam_role_arn must look like arn:<partition>:iam::<account>:role/<name>, optionally ending in '*'");
        }

        return value;
    }

    internal static string BasePath(string? value) =>
        VaultBasePath.Problem(value) is { } problem ? throw RequestException.BadRequest(problem) : value!;

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@/-]*\*?\z", RegexOptions.CultureInvariant)]
    private static partial Regex ArnShape();
}
