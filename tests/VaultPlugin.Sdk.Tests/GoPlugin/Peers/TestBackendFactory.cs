using System.Text;
using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Backend;
using VaultPlugin.Sdk.Framework;
using VaultPlugin.Sdk.Host;

namespace VaultPlugin.Sdk.Tests.GoPlugin.Peers;

/// <summary>
/// The smallest backend that exercises the whole stack: one path, <c>items/{name}</c>, whose update writes the
/// value into the mount's storage (through the host's broker) and whose read returns it.
/// </summary>
internal sealed class TestBackendFactory : IBackendFactory
{
    public const int MaxValueLength = 16 * 1024 * 1024;

    public BackendSetup? LastSetup { get; private set; }

    public BackendDefinition Create(BackendSetup setup)
    {
        LastSetup = setup;
        return new BackendDefinition
        {
            Help = "Test backend.",
            SpecialPaths = InProcessPlugin.SpecialPaths,
            Paths =
            [
                new PathDefinition
                {
                    Pattern = new PathPattern("items/{name}"),
                    Fields = new Dictionary<string, FieldSchema>
                    {
                        ["name"] = new(FieldType.Name, "Item name."),
                        ["value"] = new(FieldType.String, "Item value.") { MaxLength = MaxValueLength },
                    },
                    Operations = new Dictionary<string, PathOperation>
                    {
                        [Operations.Update] = new(WriteAsync, "Store an item."),
                        [Operations.Read] = new(ReadAsync, "Read an item."),
                    },
                    HelpSynopsis = "Items.",
                    HelpDescription = "Stores items.",
                },
            ],
        };
    }

    private static async Task<LogicalResponse?> WriteAsync(RequestContext context, FieldData fields)
    {
        var entry = new StorageEntry("items/" + fields.RequireString("name"), Encoding.UTF8.GetBytes(fields.GetString("value") ?? ""));
        await context.Storage.PutAsync(entry, context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private static async Task<LogicalResponse?> ReadAsync(RequestContext context, FieldData fields)
    {
        var entry = await context.Storage.GetAsync("items/" + fields.RequireString("name"), context.CancellationToken).ConfigureAwait(false);
        return entry is null ? null : LogicalResponse.WithData(new JsonObject { ["value"] = Encoding.UTF8.GetString(entry.Value) });
    }
}
