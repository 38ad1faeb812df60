using System.Runtime.InteropServices;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>
/// Notices that the process that started the plugin (Vault) is gone: a Vault killed with SIGKILL stops nobody,
/// and its plugin would live on as an orphan holding its socket. The parent pid is polled rather than asking the
/// kernel for PR_SET_PDEATHSIG, which fires when the forking *thread* of the Go runtime exits, not the process.
/// </summary>
internal sealed partial class ParentProcessWatch : IDisposable
{
    /// <summary>How often the parent is checked; with the 1 s shutdown the plugin is gone within about 2 s.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly int parent;
    private readonly Action onParentGone;
    private readonly Timer timer;
    private int fired;

    private ParentProcessWatch(int parent, Action onParentGone)
    {
        this.parent = parent;
        this.onParentGone = onParentGone;
        timer = new Timer(_ => Check(), null, Interval, Interval);
    }

    /// <summary>Watches the current parent; null where there is no parent pid to watch (Windows, or already orphaned).</summary>
    public static ParentProcessWatch? Start(Action onParentGone)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var parent = GetParentProcessId();
        // Parent 1 means Vault is already gone (or the plugin runs under init); there is nothing left to watch.
        return parent > 1 ? new ParentProcessWatch(parent, onParentGone) : null;
    }

    public void Dispose() => timer.Dispose();

    private void Check()
    {
        // When the parent dies the kernel re-parents the plugin (to init or a subreaper), so the pid changes.
        if (GetParentProcessId() != parent && Interlocked.Exchange(ref fired, 1) == 0)
        {
            onParentGone();
        }
    }

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentProcessId();
}
