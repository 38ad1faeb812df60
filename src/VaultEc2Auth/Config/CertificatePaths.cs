using System.Text.Json.Nodes;
using VaultEc2Auth.Identity;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Config;

/// <summary>
/// <c>config/certificate/&lt;name&gt;</c> and <c>config/certificates/</c>: AWS public certificates an operator adds
/// to the built-in ones (new regions, rotated certificates). They extend, never replace, the built-in set.
/// </summary>
public sealed class CertificatePaths(OperatorCertificates certificates)
{
    public IEnumerable<PathDefinition> Definitions =>
    [
        new()
        {
            Pattern = new PathPattern("config/certificates/"),
            Operations = new Dictionary<string, PathOperation> { [Operations.List] = new(ListAsync, "List registered certificates.") },
            HelpSynopsis = "List the AWS public certificates registered by operators.",
            HelpDescription = "Lists the names of certificates registered at config/certificate/<name>. Built-in certificates are not listed.",
        },
        new()
        {
            Pattern = new PathPattern("config/certificate/{name}"),
            Fields = new Dictionary<string, FieldSchema>
            {
                ["name"] = new(FieldType.Name, "Name of the certificate."),
                ["aws_public_cert"] = new(FieldType.String, "The AWS public certificate: PEM, base64 of PEM, or base64 DER.") { Required = true, MaxLength = 16384 },
                ["type"] = new(FieldType.String, "Which signature it verifies: pkcs7 (the /pkcs7 and /rsa2048 forms) or identity (identity + signature).")
                {
                    Default = "pkcs7",
                    AllowedValues = ["pkcs7", "identity"],
                },
            },
            Operations = new Dictionary<string, PathOperation>
            {
                [Operations.Read] = new(ReadAsync, "Read a registered certificate."),
                [Operations.Update] = new(WriteAsync, "Register a certificate."),
                [Operations.Create] = new(WriteAsync, "Register a certificate."),
                [Operations.Delete] = new(DeleteAsync, "Remove a registered certificate."),
            },
            HelpSynopsis = "Register an AWS public certificate for verifying identity documents.",
            HelpDescription = """
                The plugin ships AWS's public certificates for every region it knew of when it was built. When AWS
                opens a region or re-issues a certificate, register the new one here. Signers are found by issuer
                and serial number (PKCS#7) or by key (identity + signature), never by the region a document claims.
                """,
        },
    ];

    private async Task<LogicalResponse?> ListAsync(RequestContext context, FieldData fields) =>
        LogicalResponse.ListOf(await context.Storage.ListAsync(OperatorCertificates.Prefix, context.CancellationToken).ConfigureAwait(false));

    private async Task<LogicalResponse?> ReadAsync(RequestContext context, FieldData fields)
    {
        var entry = await certificates.GetAsync(context.Storage, fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return null;
        }

        var description = CertificateDescription.Parse(Convert.ToBase64String(entry.Der));
        return LogicalResponse.WithData(new JsonObject
        {
            ["type"] = entry.Type,
            ["subject"] = description.Subject,
            ["serial"] = description.Serial,
            ["not_before"] = description.NotBeforeText,
            ["not_after"] = description.NotAfterText,
        });
    }

    private async Task<LogicalResponse?> WriteAsync(RequestContext context, FieldData fields)
    {
        var description = CertificateDescription.Parse(fields.RequireString("aws_public_cert"));
        var entry = new CertificateEntry(fields.GetString("type")!, description.Der);
        await certificates.PutAsync(context.Storage, fields.RequireString("name"), entry, context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task<LogicalResponse?> DeleteAsync(RequestContext context, FieldData fields)
    {
        await certificates.DeleteAsync(context.Storage, fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false);
        return null;
    }
}
