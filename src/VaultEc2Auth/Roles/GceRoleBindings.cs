using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Roles;

/// <summary>
/// A role's GCE bindings (<c>bound_service_accounts</c>, <c>bound_projects</c>, <c>bound_zones</c>,
/// <c>bound_labels</c>), named as in vault-plugin-auth-gcp. A role is either an EC2 role (iam_role_arn) or a GCE role
/// (bound_service_accounts): one provider's bounds on the other's role would silently never match, so they are refused.
/// </summary>
public static class GceRoleBindings
{
    private const int MaxLabels = 64;
    private const int MaxLabelTextLength = 63;

    public static IEnumerable<KeyValuePair<string, FieldSchema>> Schema() =>
    [
        new("bound_service_accounts", new(FieldType.CommaStringSlice, "GCE: service-account emails an instance must run as (any one). Required for a GCE role; a role binds either this or iam_role_arn.")),
        new("bound_projects", new(FieldType.CommaStringSlice, "GCE: project ids an instance must belong to.")),
        new("bound_zones", new(FieldType.CommaStringSlice, "GCE: zones an instance must run in (us-central1-a).")),
        new("bound_labels", new(FieldType.CommaStringSlice, "GCE: labels an instance must carry, as key:value; every one must match.")),
    ];

    public static void Write(RoleEntry role, JsonObject data)
    {
        data["bound_service_accounts"] = TokenFields.Strings(role.BoundServiceAccounts);
        data["bound_projects"] = TokenFields.Strings(role.BoundProjects);
        data["bound_zones"] = TokenFields.Strings(role.BoundZones);
        data["bound_labels"] = TokenFields.Strings(role.BoundLabels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}:{label.Value}"));
    }

    /// <summary>The role with the bindings the request sets (the others kept from <paramref name="existing"/>).</summary>
    public static RoleEntry Apply(FieldData fields, RoleEntry role, RoleEntry? existing)
    {
        IReadOnlyList<string> List(string field, IReadOnlyList<string>? current) => fields.IsSet(field) ? fields.GetStringList(field) : current ?? [];
        return role with
        {
            BoundServiceAccounts = List("bound_service_accounts", existing?.BoundServiceAccounts),
            BoundProjects = List("bound_projects", existing?.BoundProjects),
            BoundZones = List("bound_zones", existing?.BoundZones),
            BoundLabels = fields.IsSet("bound_labels") ? Labels(fields.GetStringList("bound_labels")) : existing?.BoundLabels ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>Refuses a role that mixes the providers' bindings.</summary>
    public static void RequireOneProvider(RoleEntry role, bool iamRoleArnGiven)
    {
        if (role.BoundServiceAccounts.Count == 0)
        {
            if (role.BoundProjects.Count > 0 || role.BoundZones.Count > 0 || role.BoundLabels.Count > 0)
            {
                throw RequestException.BadRequest("bound_projects, bound_zones and bound_labels apply to GCE roles, which set bound_service_accounts");
            }

            return;
        }

        if (iamRoleArnGiven)
        {
            throw RequestException.BadRequest("a role binds either iam_role_arn (EC2) or bound_service_accounts (GCE), not both");
        }

        (string Field, bool Set)[] ec2Only =
        [
            ("bound_account_id", role.BoundAccountId.Count > 0),
            ("bound_vpc_id", role.BoundVpcId.Count > 0),
            ("bound_subnet_id", role.BoundSubnetId.Count > 0),
            ("bound_ami_id", role.BoundAmiId.Count > 0),
            ("allow_instance_migration", role.AllowInstanceMigration),
        ];
        var awsOnly = ec2Only.Where(bound => bound.Set).Select(bound => bound.Field).ToList();
        if (awsOnly.Count > 0)
        {
            throw RequestException.BadRequest($"{string.Join(", ", awsOnly)} apply to EC2 roles, not to a GCE role (bound_service_accounts)");
        }
    }

    private static Dictionary<string, string> Labels(IReadOnlyList<string> pairs)
    {
        if (pairs.Count > MaxLabels)
        {
            throw RequestException.BadRequest($"bound_labels has more than {MaxLabels} labels");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            var (key, value) = colon > 0 ? (pair[..colon], pair[(colon + 1)..]) : ("", "");
            if (key.Length is 0 or > MaxLabelTextLength || value.Length > MaxLabelTextLength || !labels.TryAdd(key, value))
            {
                throw RequestException.BadRequest("bound_labels must be distinct key:value pairs, each part at most 63 characters");
            }
        }

        return labels;
    }
}
