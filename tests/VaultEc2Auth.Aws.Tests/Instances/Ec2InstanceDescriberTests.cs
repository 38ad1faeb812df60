using VaultEc2Auth.Failures;
using VaultEc2Auth.Instances;
using VaultEc2Auth.TestSupport;
using static VaultEc2Auth.Aws.Tests.Instances.DescriberHarness;

namespace VaultEc2Auth.Aws.Tests.Instances;

public sealed class Ec2InstanceDescriberTests
{
    [Fact]
    public async Task Running_instance_is_described_with_the_role_behind_its_instance_profile()
    {
        await using var aws = await StartAsync();

        var facts = await aws.DescribeAsync();

        Assert.Equal(InstanceId, facts.InstanceId);
        Assert.Equal(AccountId, facts.AccountId);
        Assert.Equal("eu-west-1", facts.Region);
        Assert.Equal(InstanceState.Running, facts.State);
        Assert.Equal(ProfileArn, facts.IamInstanceProfileArn);
        Assert.Equal(RoleArn, facts.IamRoleArn);
        Assert.Equal("ip-10-0-1-25.ec2.internal", facts.PrivateDnsName);
        Assert.Equal("10.0.1.25", facts.PrivateIpv4);
        Assert.Equal("vpc-0a1b2c3d4e5f60718", facts.VpcId);
        Assert.Equal("subnet-0a1b2c3d4e5f60718", facts.SubnetId);
        Assert.Equal(ImageId, facts.ImageId);
        Assert.Equal("t3.micro", facts.InstanceType);
        Assert.Equal("eu-west-1b", facts.AvailabilityZone);
        Assert.Equal(PendingTime, facts.LaunchTime);
        Assert.Equal("web-1", facts.Tags["Name"]);
        Assert.Equal("edge", facts.Tags["team"]);
    }

    [Fact]
    public async Task Unknown_instance_is_denied_as_not_found()
    {
        await using var aws = await StartAsync();

        var error = await Assert.ThrowsAsync<Refused>(() => aws.DescribeAsync(Document(instanceId: "i-0ffffffffffffffff")));

        Assert.Equal("instance not found", error.Message);
    }

    [Fact]
    public async Task Terminated_instance_is_returned_with_its_state_for_the_caller_to_deny()
    {
        await using var aws = await StartAsync();
        aws.Server.SetState(InstanceId, "terminated");

        var facts = await aws.DescribeAsync();

        Assert.Equal(InstanceState.Terminated, facts.State);
    }

    /// <summary>The describer reports; the domain's InstanceAgreement compares (its tests pin the refusals).</summary>
    [Fact]
    public async Task Instance_is_described_as_ec2_reports_it_not_as_the_document_claims()
    {
        await using var aws = await StartAsync();

        var facts = await aws.DescribeAsync(Document(imageId: "ami-0fffffffffffffff0", pendingTime: PendingTime.AddDays(-3)));

        Assert.Equal((ImageId, PendingTime), (facts.ImageId, facts.LaunchTime));
    }

    [Fact]
    public async Task Account_is_the_reservations_owner_not_the_documents_claim()
    {
        await using var aws = await StartAsync();

        var facts = await aws.DescribeAsync(Document(accountId: "999999999999"));

        Assert.Equal(AccountId, facts.AccountId);
    }

    [Fact]
    public async Task Throttled_describe_is_retried_until_it_succeeds()
    {
        await using var aws = await StartAsync();
        aws.Server.ThrottleNext(2);

        var facts = await aws.DescribeAsync(settings: aws.Settings(maxRetries: 3));

        Assert.Equal(InstanceState.Running, facts.State);
        Assert.Equal(3, aws.Server.CountOf("DescribeInstances"));
    }

    [Fact]
    public async Task Throttling_beyond_max_retries_is_ec2_unavailable_naming_the_aws_request_id()
    {
        await using var aws = await StartAsync();
        aws.Server.ThrottleNext(10);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => aws.DescribeAsync(settings: aws.Settings(maxRetries: 1)));

        Assert.Equal((Upstream.Ec2, UpstreamProblem.Unavailable), (error.Upstream, error.Problem));
        Assert.StartsWith("EC2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("RequestLimitExceeded", error.Message, StringComparison.Ordinal);
        Assert.Matches("AWS request id fake-[0-9]{4}-", error.Message);
        Assert.Equal(2, aws.Server.CountOf("DescribeInstances"));
    }

    /// <summary>Found by FaultInjectionTests: a 200 whose XML is cut off escaped as an unhandled exception (500 "internal error").</summary>
    [Fact]
    public async Task Malformed_xml_from_ec2_is_a_502_naming_ec2()
    {
        await using var aws = await StartAsync();
        aws.Server.MalformNext(10, "DescribeInstances");

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => aws.DescribeAsync(settings: aws.Settings(maxRetries: 0)));

        Assert.Equal((Upstream.Ec2, UpstreamProblem.Failed), (error.Upstream, error.Problem));
        Assert.Contains("EC2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_beyond_max_retries_are_ec2_unavailable()
    {
        await using var aws = await StartAsync();
        aws.Server.FailNext(10);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => aws.DescribeAsync(settings: aws.Settings(maxRetries: 0)));

        Assert.Equal((Upstream.Ec2, UpstreamProblem.Unavailable), (error.Upstream, error.Problem));
        Assert.Contains("InternalError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_arn_is_cached_for_its_lifetime_then_looked_up_again()
    {
        await using var aws = await StartAsync();

        await aws.DescribeAsync();
        await aws.DescribeAsync();
        Assert.Equal(1, aws.Server.CountOf("GetInstanceProfile"));
        Assert.Equal(2, aws.Server.CountOf("DescribeInstances"));

        aws.Time.Now += TimeSpan.FromSeconds(61);
        await aws.DescribeAsync();
        Assert.Equal(2, aws.Server.CountOf("GetInstanceProfile"));
    }

    [Fact]
    public async Task Throttled_iam_lookup_is_retried_until_it_succeeds()
    {
        await using var aws = await StartAsync();
        aws.Server.ThrottleNext(2, "GetInstanceProfile");

        var facts = await aws.DescribeAsync(settings: aws.Settings(maxRetries: 2));

        Assert.Equal(RoleArn, facts.IamRoleArn);
        Assert.Equal(3, aws.Server.CountOf("GetInstanceProfile"));
    }

    [Fact]
    public async Task Iam_throttling_beyond_max_retries_is_iam_unavailable_naming_the_aws_request_id()
    {
        await using var aws = await StartAsync();
        aws.Server.ThrottleNext(10, "GetInstanceProfile");

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => aws.DescribeAsync(settings: aws.Settings(maxRetries: 1)));

        Assert.Equal((Upstream.Iam, UpstreamProblem.Unavailable), (error.Upstream, error.Problem));
        Assert.Matches("Throttling \\(AWS request id fake-[0-9]{4}-", error.Message);
        Assert.Equal(2, aws.Server.CountOf("GetInstanceProfile"));
    }

    [Fact]
    public async Task Instance_profile_without_exactly_one_role_is_denied()
    {
        await using var aws = await StartAsync();
        aws.Server.AddInstanceProfile("web-profile", RoleArn, "arn:aws:iam::123456789012:role/other");

        var error = await Assert.ThrowsAsync<Refused>(() => aws.DescribeAsync());

        Assert.Contains("exactly one is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_carry_sigv4_authorization_for_ec2_in_the_document_region_and_for_iam()
    {
        await using var aws = await StartAsync();

        await aws.DescribeAsync();

        Assert.Contains(aws.Server.Authorizations, a => a.Contains("/eu-west-1/ec2/aws4_request", StringComparison.Ordinal));
        Assert.Contains(aws.Server.Authorizations, a => a.Contains("/us-east-1/iam/aws4_request", StringComparison.Ordinal));
        Assert.All(aws.Server.Authorizations, a => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_credentials_are_a_configuration_fault_telling_the_operator_to_set_config_client()
    {
        await using var aws = await StartAsync(new EmptyCredentialChain());
        var settings = aws.Settings() with { AccessKey = null, SecretKey = null };

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => aws.DescribeAsync(settings: settings));

        Assert.Equal(UpstreamProblem.NotConfigured, error.Problem);
        Assert.Contains("config/client access_key and secret_key", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, aws.Server.RequestCount);
    }

    [Fact]
    public async Task Error_messages_never_contain_the_secret_key()
    {
        await using var aws = await StartAsync();
        aws.Server.ThrottleNext(10);

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => aws.DescribeAsync(settings: aws.Settings(maxRetries: 0)));

        Assert.DoesNotContain(SecretKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_settings_take_effect_on_the_next_describe()
    {
        await using var aws = await StartAsync();
        await using var other = await StartAsync();
        await aws.DescribeAsync();

        await aws.DescribeAsync(settings: aws.Settings(server: other.Server));

        Assert.Equal(1, aws.Server.CountOf("DescribeInstances"));
        Assert.Equal(1, other.Server.CountOf("DescribeInstances"));
    }
}
