using VaultEc2Auth.Failures;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Tests.Instances;

/// <summary>The live instance must be the one the signed identity names, whichever provider signed and described it.</summary>
public sealed class InstanceAgreementTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Launched = Now.AddHours(-2);

    private static VerifiedDocument AwsDocument() =>
        new("i-0123456789abcdef0", "123456789012", "eu-west-1", "eu-west-1b", Launched, "ami-0abcdef1234567890", "t3.micro", "10.0.1.25", "x86_64");

    private static InstanceFacts AwsInstance() => new(
        "i-0123456789abcdef0", "123456789012", "eu-west-1", InstanceState.Running, null, null, null, null, null, null,
        "ami-0abcdef1234567890", "t3.micro", "eu-west-1b", Launched, new Dictionary<string, string>());

    private static VerifiedDocument GceDocument() =>
        new("4567890123456789012", "my-project", "us-central1", "us-central1-a", Now.AddMinutes(-1), "", null, null, null)
        {
            CloudProvider = CloudProviders.Gce,
            InstanceName = "web-1",
            InstanceCreationTime = Launched,
            ServiceAccountEmail = "web@my-project.iam.gserviceaccount.com",
        };

    private static InstanceFacts GceInstance() => new(
        "4567890123456789012", "my-project", "us-central1", InstanceState.Running, null, null, null, null, null, null,
        "", "e2-medium", "us-central1-a", Launched.AddMilliseconds(417), new Dictionary<string, string>())
    {
        CloudProvider = CloudProviders.Gce,
        InstanceName = "web-1",
        ServiceAccounts = ["other@my-project.iam.gserviceaccount.com", "web@my-project.iam.gserviceaccount.com"],
    };

    private static string Refusal(VerifiedDocument document, InstanceFacts instance) =>
        Assert.Throws<Refused>(() => InstanceAgreement.Check(document, instance)).Message;

    [Fact]
    public void Ec2_instance_that_matches_its_document_agrees() => InstanceAgreement.Check(AwsDocument(), AwsInstance());

    [Fact]
    public void Gce_instance_that_matches_its_token_agrees() => InstanceAgreement.Check(GceDocument(), GceInstance());

    [Fact]
    public void Another_instance_id_is_refused_for_every_provider()
    {
        Assert.Equal("described instance id differs from the identity document", Refusal(AwsDocument(), AwsInstance() with { InstanceId = "i-0fffffffffffffff0" }));
        Assert.Equal("described instance id differs from the identity document", Refusal(GceDocument(), GceInstance() with { InstanceId = "1" }));
    }

    [Fact]
    public void Another_account_or_project_is_refused()
    {
        Assert.Equal("instance belongs to another account than the identity document", Refusal(AwsDocument(), AwsInstance() with { AccountId = "999999999999" }));
        Assert.Equal("instance belongs to another account than the identity document", Refusal(GceDocument(), GceInstance() with { AccountId = "other-project" }));
    }

    [Fact]
    public void Another_region_or_a_zone_outside_the_documents_region_is_refused()
    {
        const string message = "instance is in another region than the identity document";
        Assert.Equal(message, Refusal(AwsDocument(), AwsInstance() with { Region = "eu-west-2" }));
        Assert.Equal(message, Refusal(AwsDocument() with { AvailabilityZone = null }, AwsInstance() with { AvailabilityZone = "eu-west-2a" }));
        Assert.Equal(message, Refusal(GceDocument(), GceInstance() with { Region = "europe-west1" }));
    }

    [Fact]
    public void Another_zone_is_refused_when_both_zones_are_known()
    {
        Assert.Equal("instance is in another zone than the identity document", Refusal(AwsDocument(), AwsInstance() with { AvailabilityZone = "eu-west-1c" }));
        Assert.Equal("instance is in another zone than the identity document", Refusal(GceDocument(), GceInstance() with { AvailabilityZone = "us-central1-b" }));
    }

    [Fact]
    public void Unknown_zone_on_either_side_is_not_compared()
    {
        InstanceAgreement.Check(AwsDocument() with { AvailabilityZone = null }, AwsInstance());
        InstanceAgreement.Check(AwsDocument(), AwsInstance() with { AvailabilityZone = null });
    }

    [Fact]
    public void Ec2_instance_with_another_image_is_refused() =>
        Assert.Equal("instance image differs from the identity document", Refusal(AwsDocument(), AwsInstance() with { ImageId = "ami-0fffffffffffffff0" }));

    [Fact]
    public void Ec2_document_from_before_the_instances_last_start_is_stale() =>
        Assert.Equal("identity document is older than the instance's last start", Refusal(AwsDocument(), AwsInstance() with { LaunchTime = Launched.AddSeconds(1) }));

    [Fact]
    public void Ec2_instance_without_a_launch_time_is_not_compared_on_it() =>
        InstanceAgreement.Check(AwsDocument(), AwsInstance() with { LaunchTime = null });

    [Fact]
    public void Gce_token_is_not_compared_on_image_or_pending_time()
    {
        InstanceAgreement.Check(GceDocument() with { PendingTime = Launched.AddDays(-1) }, GceInstance());
    }

    [Fact]
    public void Gce_instance_recreated_under_the_same_name_is_refused() =>
        Assert.Equal("instance creation time differs from the identity token", Refusal(GceDocument(), GceInstance() with { LaunchTime = Launched.AddSeconds(1) }));

    [Fact]
    public void Gce_creation_time_missing_on_either_side_is_refused()
    {
        Assert.Equal("instance creation time differs from the identity token", Refusal(GceDocument() with { InstanceCreationTime = null }, GceInstance()));
        Assert.Equal("instance creation time differs from the identity token", Refusal(GceDocument(), GceInstance() with { LaunchTime = null }));
    }

    [Fact]
    public void Gce_token_for_a_service_account_not_attached_to_the_instance_is_refused() =>
        Assert.Equal("the identity token's service account is not attached to the instance",
            Refusal(GceDocument(), GceInstance() with { ServiceAccounts = ["other@my-project.iam.gserviceaccount.com"] }));

    [Fact]
    public void Gce_token_without_a_service_account_is_not_compared_on_it() =>
        InstanceAgreement.Check(GceDocument() with { ServiceAccountEmail = null }, GceInstance() with { ServiceAccounts = [] });

    [Fact]
    public void Document_further_in_the_future_than_the_clock_skew_is_refused()
    {
        InstanceAgreement.CheckDocumentTime(AwsDocument() with { PendingTime = Now + InstanceAgreement.ClockSkew }, Now);

        var refusal = Assert.Throws<Refused>(() => InstanceAgreement.CheckDocumentTime(AwsDocument() with { PendingTime = Now + InstanceAgreement.ClockSkew + TimeSpan.FromSeconds(1) }, Now));

        Assert.Equal("identity document pendingTime is in the future", refusal.Message);
    }
}
