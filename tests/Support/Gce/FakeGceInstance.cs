namespace VaultEc2Auth.TestSupport.Gce;

/// <summary>An instance the fake Compute API knows, and whose identity token <see cref="TestGoogleSigner"/> can mint.</summary>
public sealed record FakeGceInstance(string Project, string Zone, string Id, string Name)
{
    public string Status { get; init; } = "RUNNING";

    public long ProjectNumber { get; init; } = 123456789012;

    /// <summary>Whole seconds: the token carries seconds, Compute milliseconds.</summary>
    public DateTimeOffset CreationTime { get; init; } = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

    public IReadOnlyList<string> ServiceAccounts { get; init; } = [$"vault-client@{Project}.iam.gserviceaccount.com"];

    public string? NetworkIp { get; init; } = "10.128.0.7";

    /// <summary>A custom hostname; null: Compute omits the field and GCE's zonal DNS name applies.</summary>
    public string? Hostname { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string> { ["team"] = "payments" };

    /// <summary>A typical instance: project <c>test-project-1</c>, zone <c>us-central1-a</c>.</summary>
    public static FakeGceInstance Sample(string id = "4570452845155348778", string name = "web-1") =>
        new("test-project-1", "us-central1-a", id, name);
}
