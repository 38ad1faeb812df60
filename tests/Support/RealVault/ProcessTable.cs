using System.Globalization;

namespace VaultEc2Auth.TestSupport;

/// <summary>Linux's process table (<c>/proc</c>): who is whose child, and whether a pid still runs.</summary>
public static class ProcessTable
{
    public static IReadOnlyList<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (Stat(pid) is { } stat && stat.ParentId == parent && stat.State != 'Z')
            {
                children.Add(pid);
            }
        }
        return children;
    }

    /// <summary>Alive and not a zombie (an exited process nobody has reaped yet does not run).</summary>
    public static bool IsRunning(int pid) => Stat(pid) is { State: not 'Z' };

    private static (char State, int ParentId)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        // "pid (comm) state ppid ...": comm may hold spaces or parentheses; the fields follow the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
