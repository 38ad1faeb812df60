using System.Reflection;

namespace VaultEc2Auth.Architecture.Tests;

/// <summary>
/// Which of our assemblies each library may use, read from the compiled references (the compiler keeps only the
/// references a library's code uses): the Sdk stands alone, the domain builds on the Sdk, each adapter (every other
/// library, AWS, Vault's HTTP API and any provider added later) on the domain and the Sdk, and only the Plugin
/// composes adapters.
/// </summary>
public sealed class DependencyDirectionTests
{
    private const string Sdk = "VaultPlugin.Sdk";
    private const string Domain = "VaultEc2Auth";
    private const string Plugin = "vault-plugin-auth-ec2-instance";

    public static TheoryData<string> Adapters() => [.. Libraries().Keys.Where(name => name is not (Sdk or Domain))];

    [Fact]
    public void The_glob_found_the_sdk_the_domain_and_both_adapters()
    {
        Assert.Superset(new HashSet<string>([Sdk, Domain, "VaultEc2Auth.Aws", "VaultEc2Auth.VaultHttp"]), Libraries().Keys.ToHashSet());
    }

    [Fact]
    public void Sdk_references_no_other_project()
    {
        Assert.Empty(OurReferences(Sdk));
    }

    [Fact]
    public void Domain_references_only_the_sdk()
    {
        Assert.Equal([Sdk], OurReferences(Domain));
    }

    [Theory]
    [MemberData(nameof(Adapters))]
    public void Adapter_references_only_the_domain_and_the_sdk(string adapter)
    {
        Assert.Subset(new HashSet<string>([Domain, Sdk]), OurReferences(adapter));
    }

    [Fact]
    public void No_library_references_the_plugin()
    {
        Assert.All(Libraries().Keys, library => Assert.DoesNotContain(Plugin, OurReferences(library)));
    }

    /// <summary>Our libraries: the Sdk and the VaultEc2Auth assemblies this project's glob reference brought next to it.</summary>
    private static Dictionary<string, Assembly> Libraries()
    {
        var self = typeof(DependencyDirectionTests).Assembly.GetName().Name;
        return Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(name => name != self && name != Plugin && IsOurs(name))
            .ToDictionary(name => name, name => Assembly.Load(new AssemblyName(name)), StringComparer.Ordinal);
    }

    private static bool IsOurs(string name) =>
        name == Plugin || name == Sdk || name == Domain || name.StartsWith(Domain + ".", StringComparison.Ordinal);

    private static HashSet<string> OurReferences(string library) =>
        [.. Libraries()[library].GetReferencedAssemblies().Select(reference => reference.Name!).Where(IsOurs)];
}
