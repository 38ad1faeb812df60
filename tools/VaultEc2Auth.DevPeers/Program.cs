using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using VaultEc2Auth.TestSupport;

// Usage: VaultEc2Auth.DevPeers <output directory>
// Starts a fake EC2/IAM on 127.0.0.1 with two running worker instances, writes what a demo needs into the
// directory (peers.json, the test CA's certificate, each instance's signed /pkcs7 document), and serves until
// SIGTERM or SIGINT. SIGHUP marks worker-1 terminated, as if someone had shut it down.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: VaultEc2Auth.DevPeers <output directory>");
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
