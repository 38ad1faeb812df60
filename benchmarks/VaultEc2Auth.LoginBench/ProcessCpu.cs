using System.Globalization;

namespace VaultEc2Auth.LoginBench;

/// <summary>
/// CPU time (user + system) of Vault and, separately, of its child processes (the plugin) from /proc/&lt;pid&gt;/stat.
/// Children started and stopped between two samples (metadata-mode runs) are not counted; the bench samples only
/// once the plugin is running for good.
/// </summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ is 100 on every Linux this runs on.

    public readonly record struct Sample(double VaultSeconds, double PluginSeconds);

    public static Sample Read(int vaultPid)
    {
        var plugin = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == vaultPid)
            {
                continue;
            }

            var stat = TryStat(pid);
            if (stat is { } s && s.ParentPid == vaultPid)
            {
                plugin += s.CpuSeconds;
            }
        }
        return new Sample(TryStat(vaultPid)?.CpuSeconds ?? 0, plugin);
    }

    private static (int ParentPid, double CpuSeconds)? TryStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // the process ended between listing and reading
        }
        // Fields after the command name, which is in parentheses and may contain spaces.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (ppid, (utime + stime) / TicksPerSecond);
    }
}
