// Runs a child process with no stdin (CI has none and nothing here should wait for input), optionally echoing
// its output live, and keeps every line so callers can search it and write it to a log.
using System.Diagnostics;

public sealed record ProcessOutcome(int ExitCode, IReadOnlyList<string> Lines);

ProcessOutcome Exec(string file, IEnumerable<string> args, string logFile = null, bool echo = true,
    IDictionary<string, string> environment = null)
{
    var info = new ProcessStartInfo(file)
    {
        WorkingDirectory = Paths.Root,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    foreach (var a in args) info.ArgumentList.Add(a);
    foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

    var lines = new List<string>();
    void Take(string line)
    {
        if (line is null) return;
        lock (lines)
        {
            lines.Add(line);
            if (echo) Console.WriteLine(line);
        }
    }

    using var process = Process.Start(info) ?? throw new Exception($"cannot start {file}");
    process.OutputDataReceived += (_, e) => Take(e.Data);
    process.ErrorDataReceived += (_, e) => Take(e.Data);
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    process.StandardInput.Close();
    process.WaitForExit();

    if (logFile is not null)
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(logFile));
        System.IO.File.WriteAllLines(logFile, lines);
    }
    return new ProcessOutcome(process.ExitCode, lines);
}

// Runs a command whose failure should stop the build, echoing its output.
void MustRun(string file, params string[] args)
{
    var outcome = Exec(file, args);
    if (outcome.ExitCode != 0)
        throw new Exception($"{file} {string.Join(' ', args)} exited {outcome.ExitCode}");
}
