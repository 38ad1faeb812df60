using System.Text.RegularExpressions;

namespace VaultEc2Auth.Tests.Docs;

/// <summary>
/// The code names that docs/design.md §2 (one login) and §3 (layers and folders) use: <c>Type.Member</c> references,
/// type names (PascalCase with at least two words, or <c>I</c> + a PascalCase word), and the folders of the §3 tree.
/// A name followed by <c>.</c> or <c>/</c> is a namespace or a folder, not a type.
/// </summary>
internal static partial class DesignDocument
{
    public static string Path => System.IO.Path.Combine(SourceTree.RepositoryRoot, "docs", "design.md");

    /// <summary>The text of §2 and §3: from <c>## 2.</c> up to <c>## 4.</c>.</summary>
    public static string SectionsTwoAndThree(string markdown)
    {
        var start = markdown.IndexOf("## 2.", StringComparison.Ordinal);
        var end = markdown.IndexOf("## 4.", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidDataException("design.md has no '## 2.' ... '## 4.' sections");
        }

        return markdown[start..end];
    }

    public static IReadOnlyList<(string Type, string Member)> MemberReferences(string text) =>
        [.. MemberReference().Matches(text).Select(match => (match.Groups["type"].Value, match.Groups["member"].Value)).Distinct()];

    public static IReadOnlyList<string> TypeNames(string text) =>
        [.. TypeName().Matches(text).Select(match => match.Value).Distinct()];

    /// <summary>
    /// The folders of the tree in §3, as paths from the repository root: a top-level entry (<c>src/</c>), a project
    /// indented under <c>src/</c>, and a folder indented under its project.
    /// </summary>
    public static IReadOnlyList<string> TreeFolders(string text)
    {
        var tree = text[text.IndexOf("## 3.", StringComparison.Ordinal)..];
        var block = TreeBlock().Match(tree);
        if (!block.Success)
        {
            throw new InvalidDataException("design.md §3 has no code block with the folder tree");
        }

        var folders = new List<string>();
        string? top = null, project = null;
        foreach (var line in block.Groups["tree"].Value.Split('\n'))
        {
            var entry = TreeEntry().Match(line);
            if (!entry.Success)
            {
                continue;
            }

            var (indent, name) = (entry.Groups["indent"].Value.Length, entry.Groups["name"].Value);
            switch (indent)
            {
                case 0:
                    top = name;
                    project = null;
                    folders.Add(name);
                    break;
                case 2 when top is not null:
                    project = $"{top}/{name}";
                    folders.Add(project);
                    break;
                case 4 when project is not null:
                    folders.Add($"{project}/{name}");
                    break;
            }
        }

        return folders;
    }

    [GeneratedRegex(@"(?<![\w.])(?<type>[A-Z]\w*)\.(?<member>[A-Z]\w*)\b(?![\w./])")]
    private static partial Regex MemberReference();

    [GeneratedRegex(@"(?<![\w./])(?:I[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)*|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+)(?![\w./])")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"```\n(?<tree>src/\n.*?)```", RegexOptions.Singleline)]
    private static partial Regex TreeBlock();

    [GeneratedRegex(@"^(?<indent> *)(?<name>[\w.-]+)/(?:\s|$)")]
    private static partial Regex TreeEntry();
}
