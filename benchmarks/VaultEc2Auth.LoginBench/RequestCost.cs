using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace VaultEc2Auth.LoginBench;

/// <summary>What one kind of request costs Vault (and the plugin), measured alone: CPU per request and latency.</summary>
internal sealed record RequestCostResult(string What, int Requests, double VaultCpuMs, double PluginCpuMs, double MeanMs);

/// <summary>
/// Sends one request shape many times on one keep-alive connection and divides the CPU Vault and its plugin spent
/// by the count: the pieces a login is made of (a plugin request through gRPC, the writer's reads and writes).
/// </summary>
internal sealed class RequestCost(Uri vaultAddress, int vaultPid)
{
    public async Task<RequestCostResult> MeasureAsync(string what, string token, HttpMethod method, Func<int, string> path, Func<int, string?> body, int count)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false })
        {
            BaseAddress = new Uri(vaultAddress, "v1/"),
        };
        http.DefaultRequestHeaders.Add("X-Vault-Token", token);
        var before = ProcessCpu.Read(vaultPid);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(method, path(i));
            if (body(i) is { } text)
            {
                request.Content = new StringContent(text, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            using var reply = await http.SendAsync(request).ConfigureAwait(false);
            if (!reply.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{what}: {method} {path(i)}: {(int)reply.StatusCode} {await reply.Content.ReadAsStringAsync().ConfigureAwait(false)}");
            }
        }
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var after = ProcessCpu.Read(vaultPid);
        return new RequestCostResult(what, count,
            (after.VaultSeconds - before.VaultSeconds) * 1000 / count,
            (after.PluginSeconds - before.PluginSeconds) * 1000 / count,
            elapsed / count);
    }
}
