// Where things live, relative to the repository root (the folder holding build.cake).
public static class Paths
{
    public static readonly string Root = System.IO.Path.GetFullPath(".");
    public static string Under(params string[] parts) => System.IO.Path.Combine(new[] { Root }.Concat(parts).ToArray());

    public const string PluginName = "vault-plugin-auth-ec2-instance";
    public static string Solution => Under("VaultEc2Auth.sln");
    public static string PluginProject => Under("src", "VaultEc2Auth.Plugin", "VaultEc2Auth.Plugin.csproj");
    public static string Artifacts => Under("artifacts");
    public static string Logs => Under("artifacts", "logs");
    public static string PublishDir => Under("artifacts", "publish");
    public static string PluginBinary => Under("artifacts", "publish", PluginName);
    public static string PublishArm64Dir => Under("artifacts", "publish-arm64");
    public static string PluginBinaryArm64 => Under("artifacts", "publish-arm64", PluginName);
    // Starts the arm64 binary under qemu-aarch64-static; what the conformance runner launches for ConformanceArm64.
    public static string QemuArm64Plugin => Under("tools", "qemu-arm64-plugin.sh");
    public static string TestResults => Under("artifacts", "test-results");
    public static string ConformanceScenarios => Under("tests", "Conformance");
    public static string ConformanceOutput => Under("artifacts", "conformance");
    public static string TestSummary => Under("artifacts", "test-summary.txt");
    public static string ManifestDir => Under("plugin-manifest");
}
