using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VaultEc2Auth.Instances;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Config;

/// <summary>
/// <c>config/sts/&lt;account_id&gt;</c> and LIST <c>config/sts/</c>: which role to assume for instances of another
/// AWS account, as Vault's aws method names it.
/// </summary>
/// <param name="aws">AWS's identifier rules (its adapter's): the account id and the role ARN are checked with them.</param>
public sealed partial class StsConfigPaths(StsRoles roles, IInstanceIdentifierRules aws)
{
    private readonly IAwsOnlyIdentifierRules _iam = aws as IAwsOnlyIdentifierRules
        ?? throw new ArgumentException("AWS's identifier rules must include its IAM role rules", nameof(aws));

    public IEnumerable<PathDefinition> Definitions =>
    [
        new()
        {
            Pattern = new PathPattern("config/sts/"),
            Operations = new Dictionary<string, PathOperation> { [Operations.List] = new(ListAsync, "List the accounts with an STS role.") },
            HelpSynopsis = "List the AWS accounts whose instances are described through an assumed role.",
            HelpDescription = "Lists the account ids configured at config/sts/<account_id>.",
        },
        new()
        {
            Pattern = new PathPattern("config/sts/{account_id}"),
            Fields = new Dictionary<string, FieldSchema>
            {
                ["account_id"] = new(FieldType.Name, "The 12-digit AWS account id whose instances are described with the assumed role."),
                ["sts_role"] = new(FieldType.String, "ARN of the IAM role in that account to assume (arn:aws:iam::<account_id>:role/<name>).") { Required = true, MaxLength = 2048 },
                ["external_id"] = new(FieldType.String, "External id the role's trust policy requires (sts:ExternalId); optional.") { MaxLength = 1224 },
                ["session_name"] = new(FieldType.String, "Role session name, shown in the account's CloudTrail.") { Default = AccountStsRole.DefaultSessionName, MaxLength = 64 },
            },
            ExistenceCheck = async (context, fields) =>
                await roles.GetAsync(context.Storage, fields.RequireString("account_id"), context.CancellationToken).ConfigureAwait(false) is not null,
            Operations = new Dictionary<string, PathOperation>
            {
                [Operations.Read] = new(ReadAsync, "Read the role assumed for this account."),
                [Operations.Create] = new(WriteAsync, "Set the role assumed for this account."),
                [Operations.Update] = new(WriteAsync, "Set the role assumed for this account."),
                [Operations.Delete] = new(DeleteAsync, "Stop assuming a role for this account."),
            },
            HelpSynopsis = "Describe instances of another AWS account through a role the plugin assumes.",
            HelpDescription = """
                An instance's identity document names its account. When config/sts/<account_id> exists for that
                account, the plugin calls STS AssumeRole for sts_role with config/client's credentials (or the SDK's
                default chain) and makes the EC2 DescribeInstances and IAM GetInstanceProfile calls for that
                instance with the temporary credentials, reused until shortly before they expire. The role must
                belong to that account, trust the identity behind config/client, and allow ec2:DescribeInstances and
                iam:GetInstanceProfile. Accounts without an entry are described with config/client's credentials.
                If the role cannot be assumed the login fails with a 502 naming STS and nothing is stored.
                """,
        },
    ];

    private async Task<LogicalResponse?> ListAsync(RequestContext context, FieldData fields) =>
        LogicalResponse.ListOf(await context.Storage.ListAsync(StsRoles.Prefix, context.CancellationToken).ConfigureAwait(false));

    private async Task<LogicalResponse?> ReadAsync(RequestContext context, FieldData fields)
    {
        var entry = await roles.GetAsync(context.Storage, AccountId(fields), context.CancellationToken).ConfigureAwait(false);
        return entry is null
            ? null
            : LogicalResponse.WithData(new JsonObject
            {
                ["sts_role"] = entry.StsRole,
                ["external_id"] = entry.ExternalId ?? "",
                ["session_name"] = entry.SessionName,
            });
    }

    private async Task<LogicalResponse?> WriteAsync(RequestContext context, FieldData fields)
    {
        var accountId = AccountId(fields);
        var existing = await roles.GetAsync(context.Storage, accountId, context.CancellationToken).ConfigureAwait(false);
        var stsRole = fields.IsSet("sts_role") || existing is null ? fields.GetString("sts_role") ?? "" : existing.StsRole;
        var externalId = fields.IsSet("external_id") ? NullIfEmpty(fields.GetString("external_id")) : existing?.ExternalId;
        var sessionName = fields.IsSet("session_name") || existing is null ? fields.GetString("session_name") ?? "" : existing.SessionName;

        if (!_iam.IsIamRoleArn(stsRole))
        {
            throw RequestException.BadRequest("sts_role must be an IAM role ARN: arn:aws:iam::<account_id>:role/<name>");
        }
        if (AccountOf(stsRole) != accountId)
        {
            throw RequestException.BadRequest($"sts_role must be a role in account {accountId}: EC2 describes only the instances of the account whose role calls it");
        }
        if (externalId is not null && !ExternalId().IsMatch(externalId))
        {
            throw RequestException.BadRequest("external_id must be 2 to 1224 characters of letters, digits and _+=,.@:/-");
        }
        if (!SessionName().IsMatch(sessionName))
        {
            throw RequestException.BadRequest("session_name must be 2 to 64 characters of letters, digits and _+=,.@-");
        }

        await roles.PutAsync(context.Storage, accountId, new AccountStsRole(stsRole, externalId, sessionName), context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task<LogicalResponse?> DeleteAsync(RequestContext context, FieldData fields)
    {
        await roles.DeleteAsync(context.Storage, AccountId(fields), context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private string AccountId(FieldData fields)
    {
        var accountId = fields.RequireString("account_id");
        return aws.IsAccountId(accountId) ? accountId : throw RequestException.BadRequest("account_id must be a 12-digit AWS account id");
    }

    /// <summary>The account field of a checked role ARN: <c>arn:&lt;partition&gt;:iam::&lt;account&gt;:role/…</c>.</summary>
    private static string AccountOf(string roleArn) => roleArn.Split(':')[4];

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]{2,1224}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalId();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{2,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SessionName();
}
