using System.Text.RegularExpressions;

namespace VaultEc2Auth.Tests.Docs;

/// <summary>
/// The C# declarations under src/ and tests/, read as text (the check must see internal types of every project,
/// the executable's included, without referencing them).
/// </summary>
internal sealed partial class SourceTree
{
    private readonly Dictionary<string, List<string>> _filesByType = [];

    private SourceTree(IEnumerable<string> files)
    {
        foreach (var text in files.Select(File.ReadAllText))
        {
            foreach (Match declaration in TypeDeclaration().Matches(text))
            {
                var name = declaration.Groups["name"].Value;
                if (!_filesByType.TryGetValue(name, out var texts))
                {
                    _filesByType[name] = texts = [];
                }

                texts.Add(text);
            }
        }
    }

    public static string RepositoryRoot { get; } = FindRoot();

    public static SourceTree Load() => new(
        new[] { "src", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(System.IO.Path.Combine(RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Split(System.IO.Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")));

    public bool DeclaresType(string name) => _filesByType.ContainsKey(name);

    /// <summary>A method, property or constant of that name declared in a file that declares the type.</summary>
    public bool DeclaresMember(string type, string member) =>
        _filesByType.TryGetValue(type, out var texts) &&
        texts.Any(text => Regex.IsMatch(text, $@"[\w>\]?]\s+{Regex.Escape(member)}\b(?=\s*(?:<[^>()]*>)?\s*\(|\s*\{{|\s*=>|\s*=)"));

    /// <summary>
    /// Project names (<c>VaultEc2Auth.Tests</c>, and <c>VaultHttp</c> for short) and package ids (<c>AWSSDK.EC2</c>):
    /// names of assemblies, not of types or members.
    /// </summary>
    public bool IsProjectOrPackage(string name) => _projectsAndPackages.Contains(name) || _projectsAndPackages.Contains("VaultEc2Auth." + name);

    private readonly HashSet<string> _projectsAndPackages = LoadProjectAndPackageNames();

    private static HashSet<string> LoadProjectAndPackageNames()
    {
        var projects = new[] { "src", "tests" }
            .SelectMany(folder => Directory.EnumerateDirectories(System.IO.Path.Combine(RepositoryRoot, folder)))
            .Select(System.IO.Path.GetFileName).OfType<string>();
        var packages = PackageVersion().Matches(File.ReadAllText(System.IO.Path.Combine(RepositoryRoot, "Directory.Packages.props")))
            .Select(match => match.Groups["id"].Value);
        return [.. projects.Concat(packages)];
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "VaultEc2Auth.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("VaultEc2Auth.sln not found above the test binary");
    }

    [GeneratedRegex(@"\b(?:class|record|interface|struct|enum)\s+(?:class\s+|struct\s+)?(?<name>[A-Za-z_]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"<PackageVersion\s+Include=""(?<id>[^""]+)""")]
    private static partial Regex PackageVersion();
}
