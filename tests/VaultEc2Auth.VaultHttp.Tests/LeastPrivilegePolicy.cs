using VaultEc2Auth.TestSupport;

namespace VaultEc2Auth.VaultHttp.Tests;

/// <summary>The HCL block of <c>src/VaultEc2Auth.VaultHttp/LEAST_PRIVILEGE.md</c>, so the document is what gets tested.</summary>
internal static class LeastPrivilegePolicy
{
    public static string Read()
    {
        var document = Path.Combine(VaultDevServer.RepositoryRoot(), "src", "VaultEc2Auth.VaultHttp", "LEAST_PRIVILEGE.md");
        var text = File.ReadAllText(document);
        const string open = "```hcl\n";
        var start = text.IndexOf(open, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no ```hcl block in {document}");
        var end = text.IndexOf("```", start + open.Length, StringComparison.Ordinal);
        return text[(start + open.Length)..end];
    }
}
