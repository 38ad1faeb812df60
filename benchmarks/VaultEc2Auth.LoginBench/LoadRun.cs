using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace VaultEc2Auth.LoginBench;

/// <summary>What one closed-loop run measured.</summary>
internal sealed record RunResult(
    int Clients, int Successes, int Errors, string? FirstError, double Seconds, long[] SortedLatencies,
    double VaultCpuSeconds, double PluginCpuSeconds, bool RanOutOfDocuments)
{
    public double P50Ms => Percentile(0.50);

    public double P99Ms => Percentile(0.99);

    /// <summary>The rounds of one side as one run: counts, time and CPU added, latencies pooled.</summary>
    public static RunResult Merge(IReadOnlyList<RunResult> rounds) => new(
        rounds[0].Clients, rounds.Sum(r => r.Successes), rounds.Sum(r => r.Errors), rounds.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
        rounds.Sum(r => r.Seconds), [.. rounds.SelectMany(r => r.SortedLatencies).Order()],
        rounds.Sum(r => r.VaultCpuSeconds), rounds.Sum(r => r.PluginCpuSeconds), rounds.Any(r => r.RanOutOfDocuments));

    private double Percentile(double p) => SortedLatencies.Length == 0
        ? 0
        : SortedLatencies[Math.Min(SortedLatencies.Length - 1, (int)Math.Ceiling(p * SortedLatencies.Length) - 1)] * 1000.0 / Stopwatch.Frequency;

    public double LoginsPerSecond => Successes / Seconds;

    public double CpuMsPerLogin => Successes == 0 ? 0 : (VaultCpuSeconds + PluginCpuSeconds) * 1000 / Successes;

    public double VaultCpuMsPerLogin => Successes == 0 ? 0 : VaultCpuSeconds * 1000 / Successes;

    public double PluginCpuMsPerLogin => Successes == 0 ? 0 : PluginCpuSeconds * 1000 / Successes;
}

/// <summary>
/// The one load generator both sides share: <c>clients</c> tasks, each sending its next login as soon as the last
/// one answered (closed loop), over keep-alive connections, for a fixed time or until the documents run out.
/// </summary>
internal sealed class LoadRun(Uri vaultAddress, int vaultPid)
{
    /// <summary>Yields the next login body, or null when there is none left.</summary>
    public delegate byte[]? NextBody();

    public async Task<RunResult> RunAsync(string mount, int clients, TimeSpan duration, NextBody next)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(vaultAddress, "v1/"), Timeout = TimeSpan.FromSeconds(30) };
        var uri = new Uri($"auth/{mount}/login", UriKind.Relative);
        var latencies = new List<long>[clients];
        var errors = 0;
        string? firstError = null;
        var ranOut = false;
        using var stop = new CancellationTokenSource();

        var before = ProcessCpu.Read(vaultPid);
        var clock = Stopwatch.StartNew();
        stop.CancelAfter(duration);
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<long>(16384);
            while (!stop.IsCancellationRequested)
            {
                var body = next();
                if (body is null)
                {
                    ranOut = true;
                    return;
                }
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var reply = await http.PostAsync(uri, content).ConfigureAwait(false);
                    var text = await reply.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (reply.StatusCode == HttpStatusCode.OK && text.Contains("\"client_token\"", StringComparison.Ordinal))
                    {
                        mine.Add(Stopwatch.GetTimestamp() - start);
                        continue;
                    }
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{(int)reply.StatusCode}: {Shorten(text)}", null);
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var after = ProcessCpu.Read(vaultPid);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new RunResult(clients, all.Length, errors, firstError, seconds, all,
            after.VaultSeconds - before.VaultSeconds, after.PluginSeconds - before.PluginSeconds, ranOut);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text.Trim() : text[..300] + "…";
}
