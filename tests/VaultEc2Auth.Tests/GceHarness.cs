using System.Text.Json.Nodes;
using VaultEc2Auth.Identity;
using VaultEc2Auth.Instances;
using VaultEc2Auth.Templates;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests;

/// <summary>A GCE instance the fake Compute API knows, with the token (a fake JWT) it logs in with.</summary>
internal sealed record GceInstance(InstanceFacts Facts, VerifiedDocument Identity, string Jwt)
{
    public string InstanceId => Facts.InstanceId;

    public string Hash => InstanceHash.Compute(Facts.AccountId, Facts.AvailabilityZone!, Facts.InstanceId);

    public string PolicyName => Ec2AuthHarness.DefaultPolicyPrefix + Hash;

    public string PkiRolePath => $"{Ec2AuthHarness.BasePath}/ec2-{Hash}";
}

/// <summary>The GCE side of <see cref="Ec2AuthHarness"/>: a gce mount, a GCE role, instances and their tokens.</summary>
internal static class GceHarness
{
    public const string Audience = "https://vault.internal:8200/v1/auth/gce";
    public const string Project = "fleet-prod-123";
    public const string Zone = "europe-west1-b";
    public const string ServiceAccount = "web@fleet-prod-123.iam.gserviceaccount.com";

    public static Task<LogicalResponse?> ConfigureGceAsync(this Ec2AuthHarness plugin) =>
        plugin.WriteAsync("config/client", new JsonObject { ["cloud_provider"] = "gce", ["gce_audience"] = Audience });

    /// <summary>config/client for GCE, config/vault, a GCE role <c>web</c> bound to <see cref="ServiceAccount"/> and the PKI templates.</summary>
    public static async Task SetUpGcePkiRoleAsync(this Ec2AuthHarness plugin, JsonObject? roleFields = null)
    {
        await plugin.ConfigureGceAsync();
        await plugin.ConfigureVaultAsync();
        var data = new JsonObject { ["bound_service_accounts"] = ServiceAccount, ["base_path"] = Ec2AuthHarness.BasePath };
        foreach (var (key, value) in roleFields ?? [])
        {
            data[key] = value?.DeepClone();
        }

        await plugin.WriteAsync("roles/web", data);
        await plugin.AddPkiTemplatesAsync();
    }

    /// <summary>A running GCE instance in the fake Compute API, with a token issued at <paramref name="issuedAt"/> (default: Start).</summary>
    public static GceInstance LaunchGce(
        this Ec2AuthHarness plugin,
        string instanceId = "4817293846571234567",
        string name = "web-1",
        string serviceAccount = ServiceAccount,
        IReadOnlyDictionary<string, string>? labels = null)
    {
        var created = Ec2AuthHarness.Start.AddDays(-3);
        var facts = new InstanceFacts(
            InstanceId: instanceId,
            AccountId: Project,
            Region: "europe-west1",
            State: InstanceState.Running,
            IamInstanceProfileArn: null,
            IamRoleArn: null,
            PrivateDnsName: $"{name}.{Zone}.c.{Project}.internal",
            PrivateIpv4: "10.132.0." + (instanceId.Length % 200 + 2),
            VpcId: null,
            SubnetId: null,
            ImageId: "",
            InstanceType: null,
            AvailabilityZone: Zone,
            LaunchTime: created,
            Tags: new Dictionary<string, string>())
        {
            CloudProvider = CloudProviders.Gce,
            InstanceName = name,
            ServiceAccounts = [serviceAccount],
            Labels = labels ?? new Dictionary<string, string> { ["team"] = "payments" },
        };
        plugin.GceDescriber.Put(facts);
        var identity = new VerifiedDocument(instanceId, Project, "europe-west1", Zone, Ec2AuthHarness.Start, "", null, null, null)
        {
            CloudProvider = CloudProviders.Gce,
            InstanceName = name,
            InstanceCreationTime = created,
            ServiceAccountEmail = serviceAccount,
        };
        var instance = new GceInstance(facts, identity, JwtOf(identity));
        plugin.GceVerifier.Add(instance.Jwt, identity, Audience);
        return instance;
    }

    /// <summary>Another token of the same instance, issued at <paramref name="issuedAt"/>.</summary>
    public static string TokenIssuedAt(this Ec2AuthHarness plugin, GceInstance instance, DateTimeOffset issuedAt)
    {
        var identity = instance.Identity with { PendingTime = issuedAt };
        var jwt = JwtOf(identity);
        plugin.GceVerifier.Add(jwt, identity, Audience);
        return jwt;
    }

    public static Task<LogicalResponse?> SendGceLoginAsync(this Ec2AuthHarness plugin, string jwt, string? role = null)
    {
        var data = new JsonObject { ["jwt"] = jwt };
        if (role is not null)
        {
            data["role"] = role;
        }

        return plugin.SendAsync(Operations.Update, "login", data);
    }

    public static async Task<AuthData> LoginGceAsync(this Ec2AuthHarness plugin, string jwt, string? role = null) =>
        Assert.IsType<AuthData>((await plugin.SendGceLoginAsync(jwt, role))?.Auth);

    private static string JwtOf(VerifiedDocument identity) =>
        $"eyJhbGciOiJSUzI1NiJ9.{identity.InstanceId}.{identity.PendingTime.ToUnixTimeSeconds()}";
}
