// Native AOT publish of the plugin with the checks a release needs: no warning at all (a trim/AOT warning is
// a runtime failure waiting to happen), one self-contained file (Vault checks the SHA-256 of exactly one
// file), and a size bound.
using System.Text.RegularExpressions;

const long MaxPluginBytes = 25L * 1024 * 1024;

void PublishPlugin()
{
    if (System.IO.Directory.Exists(Paths.PublishDir)) System.IO.Directory.Delete(Paths.PublishDir, true);
    var log = System.IO.Path.Combine(Paths.Logs, "publish.log");
    var outcome = Exec("dotnet", new[] { "publish", Paths.PluginProject, "-c", "Release", "-r", "linux-x64",
        "-o", Paths.PublishDir, "-tl:off", "-nologo" }, logFile: log, echo: false);

    // MSBuild writes diagnostics as `file(l,c): warning CODE: text`; its `N Warning(s)` summary is capitalised.
    var warnings = outcome.Lines.Where(l => Regex.IsMatch(l, @"\bwarning\b")).Distinct().ToList();
    if (outcome.ExitCode != 0 || warnings.Count > 0)
    {
        foreach (var line in outcome.ExitCode != 0 ? outcome.Lines.TakeLast(40) : warnings) Console.WriteLine(line);
        throw new Exception(outcome.ExitCode != 0
            ? $"dotnet publish exited {outcome.ExitCode} (log: {log})"
            : $"dotnet publish reported {warnings.Count} warning(s) (log: {log})");
    }

    // Symbols are not shipped: the stripped native .dbg, and the .pdb files publish copies from referenced projects.
    foreach (var symbols in new[] { "*.dbg", "*.pdb" }.SelectMany(p => System.IO.Directory.GetFiles(Paths.PublishDir, p)))
        System.IO.File.Delete(symbols);
    var files = System.IO.Directory.GetFileSystemEntries(Paths.PublishDir).Select(System.IO.Path.GetFileName).ToList();
    if (files.Count != 1 || files[0] != Paths.PluginName)
        throw new Exception($"publish output must be the single file {Paths.PluginName}, found: {string.Join(", ", files)}");

    var size = new System.IO.FileInfo(Paths.PluginBinary).Length;
    Console.WriteLine($"published {Paths.PluginBinary}: {size:N0} bytes ({size / 1048576.0:F1} MiB)");
    if (size > MaxPluginBytes)
        throw new Exception($"plugin is {size:N0} bytes, over the {MaxPluginBytes:N0}-byte limit");
}
