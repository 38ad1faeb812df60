namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// Where the build puts what these tests drive. `./build.sh Test` publishes the plugin and builds vault-host
/// before it runs them; run alone, they fail with the command that produces what is missing.
/// </summary>
internal static class Artifacts
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string PluginBinary => Require(
        Path.Combine(RepositoryRoot, "artifacts", "publish", "vault-plugin-auth-ec2-instance"), "./build.sh Publish");

    public static string VaultHost => Require(
        Environment.GetEnvironmentVariable("VAULT_HOST_BIN") ?? Path.Combine(RepositoryRoot, "artifacts", "vault-host", "vault-plugin-host"),
        "tools/build-vault-host.sh");

    public static string RealVault => Require(
        Path.Combine(RepositoryRoot, "..", "shared", "vault-0.10.1", "vault"), "the shared folder next to the repository");

    public static string Conformance(string name) => Path.Combine(AppContext.BaseDirectory, "Conformance", name);

    private static string Require(string path, string producer) =>
        File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"{path} is missing: run {producer} first");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VaultEc2Auth.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("VaultEc2Auth.sln not found above the test binary");
    }
}
