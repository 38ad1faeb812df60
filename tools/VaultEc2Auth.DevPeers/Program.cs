using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport.Aws;
using VaultEc2Auth.TestSupport.Cms;

// Usage: VaultEc2Auth.DevPeers <output directory> [--fleet <count>]
// Starts a fake EC2/IAM/STS on 127.0.0.1 with two running worker instances, writes what a demo needs into the
// directory (peers.json, the test CA's certificate, each instance's signed /pkcs7 document), and serves until
// SIGTERM or SIGINT. SIGHUP marks worker-1 terminated, as if someone had shut it down.
// --fleet adds <count> more running workers for the login benchmark and writes fleet.tsv: one line per instance,
// `<instance id> TAB <pkcs7 on one line>`. peers.json is written last: once it exists, everything is in place.
int fleetSize = 0;
if (!(args.Length == 1 || (args.Length == 3 && args[1] == "--fleet" && int.TryParse(args[2], out fleetSize) && fleetSize is >= 0 and <= 1_000_000)))
{
    Console.Error.WriteLine("usage: VaultEc2Auth.DevPeers <output directory> [--fleet <count up to 1000000>]");
    return 2;
}

const string AccountId = "123456789012";
const string Region = "us-east-1";
var output = Directory.CreateDirectory(args[0]).FullName;
using var ca = TestIdentityCa.Create();
await using var aws = new FakeAwsServer();
await aws.StartAsync();
aws.AddInstanceProfile("worker", $"arn:aws:iam::{AccountId}:role/worker");

var workers = new JsonObject();
// Whole seconds: the document's pendingTime has no fraction, and a launch time after it would mean a stale document.
var launched = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());
foreach (var (name, id, octet) in new[] { ("worker-1", "i-0a1b2c3d4e5f60001", 11), ("worker-2", "i-0a1b2c3d4e5f60002", 12) })
{
    var fqdn = $"ip-10-0-1-{octet}.ec2.internal";
    aws.AddInstance(new FakeInstance(id, AccountId, "ami-0abcdef1234567890", Region + "a", launched,
        IamInstanceProfileArn: $"arn:aws:iam::{AccountId}:instance-profile/worker", PrivateDnsName: fqdn, PrivateIpAddress: $"10.0.1.{octet}",
        Tags: new Dictionary<string, string> { ["Name"] = name, ["team"] = "builders" }));
    var document = TestIdentityCa.BuildDocument(id, AccountId, Region, "ami-0abcdef1234567890", pendingTime: launched, privateIp: $"10.0.1.{octet}");
    await File.WriteAllTextAsync(Path.Combine(output, $"{name}.pkcs7"), ca.SignPkcs7Dsa(document));
    workers[name] = new JsonObject { ["instance_id"] = id, ["fqdn"] = fqdn };
}

if (fleetSize > 0)
{
    await using var fleet = new StreamWriter(Path.Combine(output, "fleet.tsv"));
    var oneLine = new Pkcs7Options { Base64LineLength = 0 };
    for (var n = 0; n < fleetSize; n++)
    {
        var id = $"i-0f1ee7{n:x11}";
        var ip = $"10.{1 + (n >> 16)}.{(n >> 8) & 0xFF}.{n & 0xFF}";
        aws.AddInstance(new FakeInstance(id, AccountId, "ami-0abcdef1234567890", Region + "a", launched,
            IamInstanceProfileArn: $"arn:aws:iam::{AccountId}:instance-profile/worker",
            PrivateDnsName: $"ip-{ip.Replace('.', '-')}.ec2.internal", PrivateIpAddress: ip));
        var document = TestIdentityCa.BuildDocument(id, AccountId, Region, "ami-0abcdef1234567890", pendingTime: launched, privateIp: ip);
        await fleet.WriteLineAsync($"{id}\t{ca.SignPkcs7Dsa(document, oneLine)}");
    }
}

await File.WriteAllTextAsync(Path.Combine(output, "test-ca.pem"), ca.DsaCertificatePem);
await File.WriteAllTextAsync(Path.Combine(output, "aws-url"), aws.BaseAddress.ToString());
await File.WriteAllTextAsync(Path.Combine(output, "peers.json"), new JsonObject
{
    ["aws_url"] = aws.BaseAddress.ToString(),
    ["workers"] = workers,
}.ToJsonString());

using var stop = new CancellationTokenSource();
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
{
    context.Cancel = true;
    aws.SetState("i-0a1b2c3d4e5f60001", "terminated");
    Console.Error.WriteLine("dev-peers: worker-1 is now terminated");
});
Console.Error.WriteLine($"dev-peers: fake EC2/IAM at {aws.BaseAddress}, files in {output}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // SIGTERM/SIGINT: the demo is over.
}

return 0;
