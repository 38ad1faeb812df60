using VaultEc2Auth.Aws.Instances;
using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.TestSupport.Aws;
using VaultPlugin.Sdk.Framework;
using static VaultEc2Auth.Aws.Tests.Instances.DescriberHarness;

namespace VaultEc2Auth.Aws.Tests.Instances;

/// <summary>config/sts: instances of another account are described with the credentials of a role assumed there.</summary>
public sealed class AssumedRoleDescriberTests
{
    private const string OtherAccountId = "210987654321";
    private const string OtherInstanceId = "i-0b1b2c3d4e5f60718";
    private const string DescriberRoleArn = "arn:aws:iam::210987654321:role/vault-describer";
    private const string OtherInstanceRoleArn = "arn:aws:iam::210987654321:role/batch";
    private static readonly AccountStsRole StsRole = new(DescriberRoleArn, null, "vault-ec2-instance");

    [Fact]
    public async Task Instance_of_another_account_is_described_with_the_assumed_credentials_and_their_session_token()
    {
        await using var aws = await StartWithOtherAccountAsync();

        var facts = await aws.DescribeAsync(OtherDocument(), StsSettings(aws), StsRole);

        Assert.Equal(OtherInstanceId, facts.InstanceId);
        Assert.Equal(OtherInstanceRoleArn, facts.IamRoleArn);
        var sessionKey = Assert.Single(aws.Server.IssuedSessionKeys);
        var requests = aws.Server.Requests.ToList();
        Assert.Equal(["AssumeRole", "DescribeInstances", "GetInstanceProfile"], requests.Select(r => r.Action));
        Assert.Equal(("AKIAIOSFODNN7EXAMPLE", (string?)null), (requests[0].AccessKeyId, requests[0].SecurityToken));
        Assert.All(requests.Skip(1), request =>
        {
            Assert.Equal(sessionKey, request.AccessKeyId);
            Assert.Equal("session-token-for-" + sessionKey, request.SecurityToken);
        });
        Assert.Contains(aws.Server.Authorizations, header => header.Contains($"Credential={sessionKey}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tidy_batch_of_another_accounts_instances_is_described_with_the_assumed_credentials()
    {
        await using var aws = await StartWithOtherAccountAsync();

        var states = await aws.Describer.DescribeStatesAsync(
            OtherAccountId, "eu-west-1", [OtherInstanceId], StsSettings(aws), StsRole, TestContext.Current.CancellationToken);

        Assert.Equal(InstanceState.Running, states[OtherInstanceId]);
        var sessionKey = Assert.Single(aws.Server.IssuedSessionKeys);
        var describe = Assert.Single(aws.Server.Requests, request => request.Action == "DescribeInstances");
        Assert.Equal(sessionKey, describe.AccessKeyId);
    }

    [Fact]
    public async Task Tidy_batch_of_another_accounts_instances_without_config_sts_finds_none_of_them()
    {
        await using var aws = await StartWithOtherAccountAsync();

        var states = await aws.Describer.DescribeStatesAsync(
            OtherAccountId, "eu-west-1", [OtherInstanceId], StsSettings(aws), null, TestContext.Current.CancellationToken);

        Assert.Empty(states);
    }

    [Fact]
    public async Task Instance_of_another_account_without_config_sts_is_looked_up_with_config_client_and_not_found()
    {
        await using var aws = await StartWithOtherAccountAsync();

        await Assert.ThrowsAsync<Refused>(() => aws.DescribeAsync(OtherDocument(), StsSettings(aws)));

        Assert.Equal(0, aws.Server.CountOf("AssumeRole"));
    }

    [Fact]
    public async Task Instance_of_the_own_account_is_described_with_config_client_credentials_even_when_another_account_has_a_role()
    {
        await using var aws = await StartWithOtherAccountAsync();

        await aws.DescribeAsync(Document(), StsSettings(aws));

        Assert.Equal(0, aws.Server.CountOf("AssumeRole"));
        Assert.All(aws.Server.Requests, request => Assert.Equal(("AKIAIOSFODNN7EXAMPLE", (string?)null), (request.AccessKeyId, request.SecurityToken)));
    }

    [Fact]
    public async Task Assumed_credentials_are_reused_until_shortly_before_they_expire_and_then_assumed_again()
    {
        await using var aws = await StartWithOtherAccountAsync();
        var settings = StsSettings(aws);

        await aws.DescribeAsync(OtherDocument(), settings, StsRole);
        aws.Time.Now += aws.Server.SessionLifetime - AssumedRoleSessions.RefreshBefore - TimeSpan.FromMinutes(1);
        await aws.DescribeAsync(OtherDocument(), settings, StsRole);
        Assert.Equal(1, aws.Server.CountOf("AssumeRole"));

        aws.Time.Now += TimeSpan.FromMinutes(2);
        await aws.DescribeAsync(OtherDocument(), settings, StsRole);

        Assert.Equal(2, aws.Server.CountOf("AssumeRole"));
        var refreshedKey = aws.Server.IssuedSessionKeys[^1];
        Assert.Equal(refreshedKey, aws.Server.Requests.Last(r => r.Action == "DescribeInstances").AccessKeyId);
    }

    [Fact]
    public async Task Denied_assume_role_is_a_502_naming_sts_and_its_request_id_and_ec2_is_not_asked()
    {
        await using var aws = await StartWithOtherAccountAsync();
        var notTrusted = StsRole with { StsRole = "arn:aws:iam::210987654321:role/not-trusting-vault" };

        var error = await Assert.ThrowsAsync<UpstreamFailure>(() => aws.DescribeAsync(OtherDocument(), StsSettings(aws), notTrusted));

        Assert.Equal((Upstream.Sts, UpstreamProblem.Failed), (error.Upstream, error.Problem));
        Assert.Matches(@"^STS AssumeRole for account 210987654321 failed: AccessDenied \(AWS request id fake-\d{4}-", error.Message);
        Assert.DoesNotContain("not-trusting-vault", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, aws.Server.CountOf("DescribeInstances"));
    }

    [Fact]
    public async Task External_id_is_sent_and_a_wrong_one_is_refused()
    {
        await using var aws = await StartWithOtherAccountAsync(externalId: "vault-ext-7f3a");

        var refused = await Assert.ThrowsAsync<UpstreamFailure>(() =>
            aws.DescribeAsync(OtherDocument(), StsSettings(aws), StsRole with { ExternalId = "guessed" }));
        var facts = await aws.DescribeAsync(OtherDocument(), StsSettings(aws), StsRole with { ExternalId = "vault-ext-7f3a" });

        Assert.Equal(Upstream.Sts, refused.Upstream);
        Assert.Equal(OtherInstanceId, facts.InstanceId);
    }

    [Fact]
    public async Task Throttled_assume_role_is_retried()
    {
        await using var aws = await StartWithOtherAccountAsync();
        aws.Server.ThrottleNext(1, "AssumeRole");

        await aws.DescribeAsync(OtherDocument(), StsSettings(aws), StsRole);

        Assert.Equal(2, aws.Server.CountOf("AssumeRole"));
    }

    [Fact]
    public async Task Sts_region_names_the_region_assume_role_is_signed_for()
    {
        await using var aws = await StartWithOtherAccountAsync();

        await aws.DescribeAsync(OtherDocument(), StsSettings(aws) with { Region = "eu-west-2", StsRegion = "eu-central-1" }, StsRole);

        Assert.Contains("/eu-central-1/sts/aws4_request", aws.Server.Authorizations.First(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eu-west-2", null, "eu-west-2")]
    [InlineData(null, "ap-southeast-2", "ap-southeast-2")]
    [InlineData(null, null, "eu-west-1")]
    public async Task Sts_region_is_config_client_region_else_the_region_vault_runs_in_else_the_documents(
        string? configuredRegion, string? metadataRegion, string expected)
    {
        await using var metadata = new FakeInstanceMetadataServer(metadataRegion ?? "");
        await metadata.StartAsync();
        await using var aws = await StartWithOtherAccountAsync(metadataService: metadataRegion is null ? null : metadata.BaseAddress);

        await aws.DescribeAsync(OtherDocument(), StsSettings(aws) with { Region = configuredRegion }, StsRole);

        Assert.Contains($"/{expected}/sts/aws4_request", aws.Server.Authorizations.First(), StringComparison.Ordinal);
    }

    private static async Task<DescriberHarness> StartWithOtherAccountAsync(string? externalId = null, Uri? metadataService = null)
    {
        var aws = await StartAsync(metadataService: metadataService);
        aws.Server.AddAssumableRole(DescriberRoleArn, externalId);
        aws.Server.AddInstance(new FakeInstance(OtherInstanceId, OtherAccountId, ImageId, "eu-west-1a", PendingTime,
            IamInstanceProfileArn: $"arn:aws:iam::{OtherAccountId}:instance-profile/batch"));
        aws.Server.AddInstanceProfile("batch", OtherInstanceRoleArn);
        return aws;
    }

    private static CloudClientSettings StsSettings(DescriberHarness aws) =>
        aws.Settings() with { StsEndpoint = aws.Server.BaseAddress.ToString() };

    private static VerifiedDocument OtherDocument() => Document(instanceId: OtherInstanceId, accountId: OtherAccountId);
}
