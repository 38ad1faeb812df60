// Native AOT publish of the plugin with the checks a release needs: no warning at all (TreatWarningsAsErrors in
// Directory.Build.props also makes ILC's trim/AOT warnings errors, so they fail `dotnet publish` itself), one
// self-contained file (Vault checks the SHA-256 of exactly one file), and a size bound.

const long MaxPluginBytes = 25L * 1024 * 1024;

// What a target platform needs beyond `-r`: linux-arm64 is cross-compiled with Debian's clang + lld and the aarch64
// GNU binutils (tools/prereqs.sh installs them). SysRoot stays unset: Debian's cross libc linker scripts use
// absolute paths that a sysroot would prefix.
static readonly Dictionary<string, string[]> PublishPlatforms = new()
{
    ["linux-x64"] = Array.Empty<string>(),
    ["linux-arm64"] = new[] { "-p:LinkerFlavor=lld", "-p:ObjCopyName=aarch64-linux-gnu-objcopy" },
};

void PublishPlugin() => PublishPlugin("linux-x64", Paths.PublishDir);

void PublishPlugin(string runtime, string outputDir)
{
    if (System.IO.Directory.Exists(outputDir)) System.IO.Directory.Delete(outputDir, true);
    var log = System.IO.Path.Combine(Paths.Logs, $"publish-{runtime}.log");
    var outcome = Exec("dotnet", new[] { "publish", Paths.PluginProject, "-c", "Release", "-r", runtime,
        "-o", outputDir, "-tl:off", "-nologo" }.Concat(PublishPlatforms[runtime]), logFile: log, echo: false);
    if (outcome.ExitCode != 0)
    {
        foreach (var line in outcome.Lines.TakeLast(40)) Console.WriteLine(line);
        throw new Exception($"dotnet publish -r {runtime} exited {outcome.ExitCode} (log: {log})");
    }

    // Symbols are not shipped: the stripped native .dbg, and the .pdb files publish copies from referenced projects.
    foreach (var symbols in new[] { "*.dbg", "*.pdb" }.SelectMany(p => System.IO.Directory.GetFiles(outputDir, p)))
        System.IO.File.Delete(symbols);
    var files = System.IO.Directory.GetFileSystemEntries(outputDir).Select(System.IO.Path.GetFileName).ToList();
    if (files.Count != 1 || files[0] != Paths.PluginName)
        throw new Exception($"publish output must be the single file {Paths.PluginName}, found: {string.Join(", ", files)}");

    var binary = System.IO.Path.Combine(outputDir, Paths.PluginName);
    var size = new System.IO.FileInfo(binary).Length;
    Console.WriteLine($"published {binary} ({runtime}): {size:N0} bytes ({size / 1048576.0:F1} MiB)");
    if (size > MaxPluginBytes)
        throw new Exception($"plugin is {size:N0} bytes, over the {MaxPluginBytes:N0}-byte limit");
}
