using System.Globalization;

namespace VaultEc2Auth.EndToEnd.Tests;

/// <summary>A process's resident memory (VmRSS, from /proc/&lt;pid&gt;/status) and open file descriptors (/proc/&lt;pid&gt;/fd).</summary>
internal sealed record ProcessSample(TimeSpan At, long RssKiB, int OpenFds, long Requests)
{
    public static ProcessSample Take(int pid, TimeSpan at, long requests)
    {
        var rss = File.ReadLines($"/proc/{pid}/status")
            .Where(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(line => long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .Single();
        return new ProcessSample(at, rss, Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length, requests);
    }
}
