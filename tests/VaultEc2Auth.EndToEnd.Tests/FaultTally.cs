namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>Fault and soak runs leave their counts in artifacts/faults/ for the results files (benchmarks/results/hardening.md).</summary>
internal static class FaultTally
{
    public static void Write(string name, string markdown)
    {
        var folder = Path.Combine(Artifacts.RepositoryRoot, "artifacts", "faults");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), markdown);
    }
}
