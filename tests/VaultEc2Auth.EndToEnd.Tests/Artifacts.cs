namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>
/// Where the build puts what these tests drive. `./build.sh Test` publishes the plugin and builds vault-host
/// before it runs them, and sets <see cref="RequiredVariable"/> so that a missing one fails the test. A plain
/// `dotnet test` on a fresh clone has neither: these tests then skip, naming the command that produces it.
/// </summary>
internal static class Artifacts
{
    public const string RequiredVariable = "VAULT_EC2_E2E_REQUIRED";

    public static string RepositoryRoot { get; } = FindRoot();

    public static string PluginBinary => Require(
        Path.Combine(RepositoryRoot, "artifacts", "publish", "vault-plugin-auth-ec2-instance"), "./build.sh Publish");

    public static string VaultHost => Require(
        Environment.GetEnvironmentVariable("VAULT_HOST_BIN") ?? Path.Combine(RepositoryRoot, "artifacts", "vault-host", "vault-plugin-host"),
        "tools/build-vault-host.sh");

    public static string RealVault => Require(
        Path.Combine(RepositoryRoot, "..", "shared", "vault-0.10.1", "vault"), "the shared folder next to the repository");

    /// <summary>
    /// Why the published plugin or vault-host cannot be used (null when both exist, or when the build requires them:
    /// then using them fails). For class fixtures, where a skip would count as a failure.
    /// </summary>
    public static string? MissingReason()
    {
        if (Environment.GetEnvironmentVariable(RequiredVariable) == "1")
        {
            return null;
        }

        var plugin = Path.Combine(RepositoryRoot, "artifacts", "publish", "vault-plugin-auth-ec2-instance");
        var host = Environment.GetEnvironmentVariable("VAULT_HOST_BIN") ?? Path.Combine(RepositoryRoot, "artifacts", "vault-host", "vault-plugin-host");
        return !File.Exists(plugin) ? $"{Path.GetFullPath(plugin)} is missing: run ./build.sh Publish first"
            : !File.Exists(host) ? $"{Path.GetFullPath(host)} is missing: run tools/build-vault-host.sh first"
            : null;
    }

    public static string Conformance(string name) => Path.Combine(AppContext.BaseDirectory, "Conformance", name);

    private static string Require(string path, string producer)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            var reason = $"{fullPath} is missing: run {producer} first";
            if (Environment.GetEnvironmentVariable(RequiredVariable) == "1")
            {
                throw new FileNotFoundException(reason);
            }

            Assert.Skip(reason);
        }

        return fullPath;
    }

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
