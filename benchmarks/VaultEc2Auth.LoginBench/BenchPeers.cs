using System.Diagnostics;
using System.Text.Json.Nodes;

namespace VaultEc2Auth.LoginBench;

/// <summary>One instance of the fake fleet: its id and its signed /pkcs7 document on one line.</summary>
internal sealed record FleetInstance(string InstanceId, string Pkcs7);

/// <summary>
/// tools/VaultEc2Auth.DevPeers in its own process (so its CPU is never counted as Vault's or the plugin's): the
/// fake EC2/IAM/STS and the test CA, with a fleet of running instances and their pre-signed documents.
/// </summary>
internal sealed class BenchPeers : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private BenchPeers(Process process, string directory, Uri awsAddress, string caPem, IReadOnlyList<FleetInstance> fleet)
    {
        this.process = process;
        this.directory = directory;
        AwsAddress = awsAddress;
        CaCertificatePem = caPem;
        Fleet = fleet;
    }

    public Uri AwsAddress { get; }

    public string CaCertificatePem { get; }

    public IReadOnlyList<FleetInstance> Fleet { get; }

    public static async Task<BenchPeers> StartAsync(string devPeersDll, int fleetSize)
    {
        var directory = Directory.CreateTempSubdirectory("login-bench-peers-").FullName;
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { devPeersDll, directory, "--fleet", fleetSize.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dev peers");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var peersJson = Path.Combine(directory, "peers.json");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!File.Exists(peersJson))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("dev peers did not come up (exited or 3 min passed)");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
        var peers = JsonNode.Parse(await File.ReadAllTextAsync(peersJson).ConfigureAwait(false))!;
        var fleet = (await File.ReadAllLinesAsync(Path.Combine(directory, "fleet.tsv")).ConfigureAwait(false))
            .Select(line => line.Split('\t'))
            .Select(parts => new FleetInstance(parts[0], parts[1]))
            .ToList();
        var ca = await File.ReadAllTextAsync(Path.Combine(directory, "test-ca.pem")).ConfigureAwait(false);
        return new BenchPeers(process, directory, new Uri(peers["aws_url"]!.GetValue<string>()), ca, fleet);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
