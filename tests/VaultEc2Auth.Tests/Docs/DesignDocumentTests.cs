namespace VaultEc2Auth.Tests.Docs;

/// <summary>
/// docs/design.md §2–§3 describe the code as it is: every type, <c>Type.Member</c> and folder they name exists.
/// A rename in the code without the doc (or a doc naming a part that was never built) fails here.
/// </summary>
public sealed class DesignDocumentTests
{
    /// <summary>Names §2–§3 use that are not this repository's types: AWS API actions and .NET types.</summary>
    private static readonly HashSet<string> External = ["DescribeInstances", "GetInstanceProfile", "HttpClient", "JsonNode"];

    private static readonly string Sections = DesignDocument.SectionsTwoAndThree(File.ReadAllText(DesignDocument.Path));
    private static readonly SourceTree Source = SourceTree.Load();

    [Fact]
    public void Every_type_member_named_in_sections_2_and_3_is_declared_on_that_type()
    {
        var references = DesignDocument.MemberReferences(Sections)
            .Where(reference => !Source.IsProjectOrPackage($"{reference.Type}.{reference.Member}"))
            .ToList();

        Assert.NotEmpty(references);
        var undeclared = references.Where(reference => !Source.DeclaresMember(reference.Type, reference.Member)).Select(reference => $"{reference.Type}.{reference.Member}").ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public void Every_type_named_in_sections_2_and_3_is_declared_in_the_source()
    {
        var names = DesignDocument.TypeNames(Sections).Where(name => !External.Contains(name) && !Source.IsProjectOrPackage(name)).ToList();

        Assert.NotEmpty(names);
        var undeclared = names.Where(name => !Source.DeclaresType(name)).ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public void Every_folder_of_the_layers_tree_exists()
    {
        var folders = DesignDocument.TreeFolders(Sections);

        Assert.Contains("src/VaultPlugin.Sdk/GoPlugin", folders);
        var missing = folders.Where(folder => !Directory.Exists(Path.Combine(SourceTree.RepositoryRoot, folder))).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_check_reports_names_the_code_does_not_have()
    {
        const string text = """
            ## 2. One login
               1. AccessList.CheckAsync(document, nonce) → first login | re-login
               2. IRoleMatcher.MatchAsync(facts) → RoleEntry
            ## 3. Layers and folders
            ```
            src/
              VaultEc2Auth/
                Writing/                   IVaultWriter, InstanceRegistry, Tidy
              VaultEc2Auth.Azure/        AzureIdentityVerifier
            ```
            ## 4. Decisions
            """;
        var sections = DesignDocument.SectionsTwoAndThree(text);

        Assert.Equal(
            ["AccessList.CheckAsync", "IRoleMatcher.MatchAsync"],
            DesignDocument.MemberReferences(sections).Where(reference => !Source.DeclaresMember(reference.Type, reference.Member)).Select(reference => $"{reference.Type}.{reference.Member}"));
        Assert.Equal(["AzureIdentityVerifier"], DesignDocument.TypeNames(sections).Where(name => !Source.DeclaresType(name)));
        Assert.Equal(
            ["src/VaultEc2Auth.Azure"],
            DesignDocument.TreeFolders(sections).Where(folder => !Directory.Exists(Path.Combine(SourceTree.RepositoryRoot, folder))));
    }
}
