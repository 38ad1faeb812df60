using System.Globalization;
using System.Security;

namespace VaultEc2Auth.TestSupport.Aws;

/// <summary>EC2, IAM and STS Query API response bodies in AWS's real XML shapes (docs/aws.md §7, EC2 API 2016-11-15).</summary>
internal static class FakeAwsResponses
{
    private static readonly Dictionary<string, int> StateCodes = new(StringComparer.Ordinal)
    {
        ["pending"] = 0,
        ["running"] = 16,
        ["shutting-down"] = 32,
        ["terminated"] = 48,
        ["stopping"] = 64,
        ["stopped"] = 80,
    };

    public static string DescribeInstances(string requestId, IEnumerable<FakeInstance> instances)
    {
        var items = string.Concat(instances.Select(ReservationItem));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
            "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">" +
            $"<requestId>{requestId}</requestId><reservationSet>{items}</reservationSet></DescribeInstancesResponse>";
    }

    public static string Ec2Error(string requestId, string code, string message) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
        $"<Response><Errors><Error><Code>{code}</Code><Message>{Escape(message)}</Message></Error></Errors><RequestID>{requestId}</RequestID></Response>";

    public static string GetInstanceProfile(string requestId, string profileName, string accountId, IReadOnlyList<string> roleArns)
    {
        var roles = string.Concat(roleArns.Select(arn =>
            $"<member><Path>/</Path><Arn>{Escape(arn)}</Arn><RoleName>{Escape(arn[(arn.LastIndexOf('/') + 1)..])}</RoleName>" +
            "<RoleId>AROAEXAMPLEROLEID0001</RoleId><CreateDate>2025-01-01T00:00:00Z</CreateDate>" +
            "<AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument></member>"));
        return "<GetInstanceProfileResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetInstanceProfileResult><InstanceProfile>" +
            $"<InstanceProfileId>AIPAEXAMPLEPROFILE01</InstanceProfileId><Roles>{roles}</Roles>" +
            $"<InstanceProfileName>{Escape(profileName)}</InstanceProfileName><Path>/</Path>" +
            $"<Arn>arn:aws:iam::{accountId}:instance-profile/{Escape(profileName)}</Arn><CreateDate>2025-01-01T00:00:00Z</CreateDate>" +
            $"</InstanceProfile></GetInstanceProfileResult><ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata></GetInstanceProfileResponse>";
    }

    public static string GetCallerIdentity(string requestId, string accountId) =>
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>" +
        $"<Arn>arn:aws:iam::{accountId}:user/fake</Arn><UserId>AIDAEXAMPLEUSERID0001</UserId><Account>{accountId}</Account>" +
        $"</GetCallerIdentityResult><ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

    public static string IamError(string requestId, string type, string code, string message) =>
        "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">" +
        $"<Error><Type>{type}</Type><Code>{code}</Code><Message>{Escape(message)}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>";

    public static string AssumeRole(string requestId, string roleArn, string sessionName, string accessKeyId, string sessionToken, DateTimeOffset expiration)
    {
        var account = roleArn.Split(':')[4];
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>" +
            $"<AssumedRoleUser><AssumedRoleId>AROAEXAMPLEASSUMED01:{Escape(sessionName)}</AssumedRoleId>" +
            $"<Arn>arn:aws:sts::{account}:assumed-role/{Escape(roleName)}/{Escape(sessionName)}</Arn></AssumedRoleUser>" +
            $"<Credentials><AccessKeyId>{accessKeyId}</AccessKeyId><SecretAccessKey>fake/secret/{accessKeyId}</SecretAccessKey>" +
            $"<SessionToken>{Escape(sessionToken)}</SessionToken>" +
            $"<Expiration>{expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</Expiration></Credentials>" +
            "<PackedPolicySize>6</PackedPolicySize></AssumeRoleResult>" +
            $"<ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata></AssumeRoleResponse>";
    }

    public static string StsError(string requestId, string code, string message) =>
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">" +
        $"<Error><Type>Sender</Type><Code>{code}</Code><Message>{Escape(message)}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>";

    private static string ReservationItem(FakeInstance instance)
    {
        var tags = string.Concat((instance.Tags ?? new Dictionary<string, string>()).Select(t =>
            $"<item><key>{Escape(t.Key)}</key><value>{Escape(t.Value)}</value></item>"));
        var profile = instance.IamInstanceProfileArn is null ? ""
            : $"<iamInstanceProfile><arn>{Escape(instance.IamInstanceProfileArn)}</arn><id>AIPAEXAMPLEPROFILE01</id></iamInstanceProfile>";
        var launch = instance.LaunchTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return "<item><reservationId>r-0123456789abcdef0</reservationId>" +
            $"<ownerId>{instance.OwnerId}</ownerId><groupSet/><instancesSet><item>" +
            $"<instanceId>{instance.InstanceId}</instanceId><imageId>{instance.ImageId}</imageId>" +
            $"<instanceState><code>{StateCodes.GetValueOrDefault(instance.State, 0)}</code><name>{instance.State}</name></instanceState>" +
            $"<privateDnsName>{Escape(instance.PrivateDnsName)}</privateDnsName><dnsName/>" +
            $"<instanceType>{instance.InstanceType}</instanceType><launchTime>{launch}</launchTime>" +
            $"<placement><availabilityZone>{instance.AvailabilityZone}</availabilityZone><tenancy>default</tenancy></placement>" +
            $"<subnetId>{instance.SubnetId}</subnetId><vpcId>{instance.VpcId}</vpcId>" +
            $"<privateIpAddress>{instance.PrivateIpAddress}</privateIpAddress><architecture>x86_64</architecture>" +
            $"<rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>" +
            $"<tagSet>{tags}</tagSet>{profile}</item></instancesSet></item>";
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
