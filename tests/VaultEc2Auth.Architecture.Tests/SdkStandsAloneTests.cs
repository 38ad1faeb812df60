using System.Text.RegularExpressions;

namespace VaultEc2Auth.Architecture.Tests;

/// <summary>
/// The Sdk carries any Vault plugin, so its code, comments and protos name no cloud and no product: what one
/// plugin needs to say (its OpenAPI operation prefix, its help) comes from that plugin's BackendDefinition.
/// Namespace, using and InternalsVisibleTo lines are the assembly's own name and are not counted.
/// </summary>
public sealed partial class SdkStandsAloneTests
{
    [Fact]
    public void Sdk_sources_name_no_cloud_and_no_product()
    {
        var root = RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src", "VaultPlugin.Sdk"), "*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".csproj", StringComparison.Ordinal))
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "protos"), "*.proto"));

        var mentions = files
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(entry => !OwnName().IsMatch(entry.line) && ProductWord().IsMatch(entry.line))
            .Select(entry => $"{Path.GetRelativePath(root, entry.file)}:{entry.number}: {entry.line.Trim()}")
            .ToList();

        Assert.Empty(mentions);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "src")) && Directory.Exists(Path.Combine(directory.FullName, "protos")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("no repository root (src/ and protos/) above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*(namespace |using |option csharp_namespace|<InternalsVisibleTo )")]
    private static partial Regex OwnName();

    [GeneratedRegex(@"ec2|\baws\b|amazon|\biam\b|\bsts\b|\bgce\b|\bgcp\b|google compute|identity document|pkcs7|scriban", RegexOptions.IgnoreCase)]
    private static partial Regex ProductWord();
}
