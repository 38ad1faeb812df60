using System.Text.Json.Nodes;
using VaultEc2Auth.Failures;

namespace VaultEc2Auth.VaultHttp;

/// <summary>
/// Keeps the writer's token alive: renews it at two thirds of its TTL, retries after a failure, and never lets a
/// failure escape the background loop.
/// </summary>
internal sealed class TokenRenewal(VaultApiClient vault, TimeProvider time, Action<string> log) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private CancellationTokenSource? running;
    private Task loop = Task.CompletedTask;
    private bool disposed;
    private int renewals;

    private DateTimeOffset? nextRenewalAt;

    /// <summary>When the next renew-self is due; null while no renewal is scheduled. For tests and status.</summary>
    internal DateTimeOffset? NextRenewalAt
    {
        get
        {
            lock (gate)
            {
                return nextRenewalAt;
            }
        }
        private set
        {
            lock (gate)
            {
                nextRenewalAt = value;
            }
        }
    }

    /// <summary>How many renew-self calls succeeded.</summary>
    internal int Renewals => Volatile.Read(ref renewals);

    /// <summary>(Re)starts the schedule from a freshly looked-up TTL.</summary>
    public void Start(TimeSpan ttl)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            running?.Cancel();
            running = new CancellationTokenSource();
            var stop = running.Token;
            loop = Task.Run(() => RunAsync(ttl, stop), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task last;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            running?.Cancel();
            last = loop;
        }
        await last.ConfigureAwait(false);
        running?.Dispose();
    }

    private async Task RunAsync(TimeSpan ttl, CancellationToken stop)
    {
        var delay = RenewalDelay(ttl);
        while (true)
        {
            var wait = Task.Delay(delay, time, stop);
            if (!stop.IsCancellationRequested)
            {
                NextRenewalAt = time.GetUtcNow() + delay;
            }

            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var granted = await RenewOnceAsync(stop).ConfigureAwait(false);
                Interlocked.Increment(ref renewals);
                if (granted <= TimeSpan.Zero)
                {
                    log("vault: the writer's token can no longer be renewed; renewal stops");
                    NextRenewalAt = null;
                    return;
                }
                ttl = granted;
                delay = RenewalDelay(granted);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Any failure here is Vault's or the network's; the process must go on and try again.
                delay = RetryDelay(ttl);
                log($"vault: renewing the writer's token failed, retrying in {delay.TotalSeconds:0.#} s: {vault.Failure.Safe(e is UpstreamFailure failure ? failure.Detail : e.Message)}");
            }
        }
    }

    /// <summary>The TTL Vault granted, or zero when the token cannot be renewed again.</summary>
    private async Task<TimeSpan> RenewOnceAsync(CancellationToken stop)
    {
        var reply = await vault.PostAsync(VaultApiPath.RenewSelf, new JsonObject(), stop).ConfigureAwait(false);
        if (reply["auth"] is not JsonObject auth)
        {
            throw vault.Failure.Malformed("POST auth/token/renew-self", "an auth object");
        }

        var renewable = auth["renewable"] is JsonValue r && r.TryGetValue<bool>(out var b) && b;
        var seconds = auth["lease_duration"] is JsonValue d && d.TryGetValue<long>(out var s) ? s : 0;
        vault.TokenSeen(TimeSpan.FromSeconds(seconds));
        return renewable ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
    }

    private static TimeSpan RenewalDelay(TimeSpan ttl) => Max(TimeSpan.FromSeconds(1), ttl * 2 / 3);

    private static TimeSpan RetryDelay(TimeSpan ttl) =>
        Max(TimeSpan.FromSeconds(1), ttl / 10 < TimeSpan.FromSeconds(60) ? ttl / 10 : TimeSpan.FromSeconds(60));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
