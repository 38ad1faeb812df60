using System.Diagnostics;
using System.Text;

namespace VaultEc2Auth.TestSupport;

/// <summary>Starts a server process with its stdout and stderr collected (first 64 KiB) for failure messages.</summary>
internal static class ProcessOutput
{
    public static Process Start(ProcessStartInfo info, StringBuilder output)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 64 * 1024)
            {
                output.AppendLine(line);
            }
        }
    }
}
