namespace VaultEc2Auth.TestSupport.Aws;

/// <summary>An instance as <see cref="FakeAwsServer"/> describes it.</summary>
public sealed record FakeInstance(
    string InstanceId,
    string OwnerId,
    string ImageId,
    string AvailabilityZone,
    DateTimeOffset LaunchTime,
    string State = "running",
    string? IamInstanceProfileArn = null,
    string PrivateDnsName = "ip-10-0-1-25.ec2.internal",
    string PrivateIpAddress = "10.0.1.25",
    string VpcId = "vpc-0a1b2c3d4e5f60718",
    string SubnetId = "subnet-0a1b2c3d4e5f60718",
    string InstanceType = "t3.micro",
    IReadOnlyDictionary<string, string>? Tags = null);
