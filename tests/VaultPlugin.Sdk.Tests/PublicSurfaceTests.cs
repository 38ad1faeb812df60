using VaultPlugin.Sdk.GoPlugin;

namespace VaultPlugin.Sdk.Tests;

/// <summary>
/// The Sdk's public types are what a second plugin builds on; everything else (the go-plugin transport, the broker,
/// proto translation, the generated gRPC types) stays internal so it can change freely. The list is pinned in
/// PublicSurface.txt, so a new public type is a decision a reviewer sees in the diff.
/// To change it on purpose: run this test, copy the "actual" list from its failure message into PublicSurface.txt
/// (sorted, one full type name a line), and say in the commit why a plugin needs the new type.
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void Public_types_are_exactly_the_pinned_list()
    {
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "PublicSurface.txt"))
            .Where(line => line.Length > 0)
            .ToList();
        var actual = typeof(PluginServer).Assembly.GetExportedTypes()
            .Select(type => type.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(expected.SequenceEqual(actual),
            $"The Sdk's public types changed. New: [{string.Join(", ", actual.Except(expected))}]; " +
            $"gone: [{string.Join(", ", expected.Except(actual))}]. The actual list:\n{string.Join('\n', actual)}");
    }
}
