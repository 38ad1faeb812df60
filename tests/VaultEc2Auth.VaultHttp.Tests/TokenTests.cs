using VaultEc2Auth.TestSupport;

namespace VaultEc2Auth.VaultHttp.Tests;

public sealed class TokenTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly FakeVaultToken Renewable = new(["ec2-plugin-writer", "default"], 3600, true, "token-ec2-plugin");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lookup_self_reports_policies_ttl_renewability_and_display_name()
    {
        await using var vault = await FakeVaultWriter.StartAsync(tokenInfo: Renewable);

        var info = await vault.Connection.LookupSelfAsync(Ct);

        Assert.Equal(["ec2-plugin-writer", "default"], info.Policies);
        Assert.Equal(3600, info.TtlSeconds);
        Assert.True(info.Renewable);
        Assert.Equal("token-ec2-plugin", info.DisplayName);
        Assert.Equal(["GET auth/token/lookup-self"], vault.Server.Requests.Select(r => r.ToString()));
    }

    [Fact]
    public async Task Token_that_is_not_renewable_gets_no_renewal_schedule()
    {
        await using var vault = await FakeVaultWriter.StartAsync(tokenInfo: FakeVaultToken.Root);

        var info = await vault.Connection.LookupSelfAsync(Ct);

        Assert.False(info.Renewable);
        Assert.Null(vault.Connection.Renewal.NextRenewalAt);
    }

    [Fact]
    public async Task Renewable_token_is_renewed_at_two_thirds_of_its_ttl_and_again_after_each_renewal()
    {
        await using var vault = await FakeVaultWriter.StartAsync(tokenInfo: Renewable);
        var start = vault.Time.GetUtcNow();

        await vault.Connection.LookupSelfAsync(Ct);
        vault.Server.TokenInfo = Renewable with { TtlSeconds = 600 };
        await WaitForScheduleAsync(vault, start + TimeSpan.FromSeconds(2400));
        vault.Time.Advance(TimeSpan.FromSeconds(2399));
        Assert.Equal(start + TimeSpan.FromSeconds(2400), vault.Connection.Renewal.NextRenewalAt);
        Assert.Equal(0, vault.Server.Renewals);

        vault.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitForScheduleAsync(vault, start + TimeSpan.FromSeconds(2400 + 400));
        vault.Time.Advance(TimeSpan.FromSeconds(400));
        await WaitForScheduleAsync(vault, start + TimeSpan.FromSeconds(2800 + 400));

        Assert.Equal(2, vault.Server.Renewals);
        Assert.Equal(2, vault.Connection.Renewal.Renewals);
    }

    [Fact]
    public async Task Failed_renewal_is_logged_without_the_token_and_retried()
    {
        await using var vault = await FakeVaultWriter.StartAsync(tokenInfo: Renewable);
        var start = vault.Time.GetUtcNow();
        vault.Server.FailPath("auth/token/renew-self", 500, $"renewal of {FakeVaultWriter.Token} failed");

        await vault.Connection.LookupSelfAsync(Ct);
        await WaitForScheduleAsync(vault, start + TimeSpan.FromSeconds(2400));
        vault.Time.Advance(TimeSpan.FromSeconds(2400));
        await WaitForScheduleAsync(vault, start + TimeSpan.FromSeconds(2400 + 60));

        var line = Assert.Single(vault.LogLines);
        Assert.Contains("renewing the writer's token failed", line);
        Assert.DoesNotContain(FakeVaultWriter.Token, line);

        vault.Server.ClearFaults();
        vault.Time.Advance(TimeSpan.FromSeconds(60));
        await WaitForScheduleAsync(vault, start + TimeSpan.FromSeconds(2460 + 2400));
        Assert.Equal(1, vault.Server.Renewals);
    }

    [Fact]
    public async Task Renewal_stops_when_vault_no_longer_extends_the_token()
    {
        await using var vault = await FakeVaultWriter.StartAsync(tokenInfo: Renewable);
        var start = vault.Time.GetUtcNow();

        await vault.Connection.LookupSelfAsync(Ct);
        await WaitForScheduleAsync(vault, start + TimeSpan.FromSeconds(2400));
        vault.Server.TokenInfo = Renewable with { TtlSeconds = 0 };
        vault.Time.Advance(TimeSpan.FromSeconds(2400));
        await WaitUntilAsync(() => vault.Connection.Renewal.NextRenewalAt is null);

        Assert.Contains(vault.LogLines, l => l.Contains("can no longer be renewed"));
    }

    [Fact]
    public async Task Dispose_stops_the_renewal_loop()
    {
        var vault = await FakeVaultWriter.StartAsync(tokenInfo: Renewable);
        await vault.Connection.LookupSelfAsync(Ct);
        await WaitForScheduleAsync(vault, vault.Time.GetUtcNow() + TimeSpan.FromSeconds(2400));

        await vault.Connection.DisposeAsync();
        vault.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, vault.Server.Renewals);
        Assert.DoesNotContain(vault.Server.Requests, r => r.Path == "auth/token/renew-self");
        await vault.Server.DisposeAsync();
    }

    private static Task WaitForScheduleAsync(FakeVaultWriter vault, DateTimeOffset due) =>
        WaitUntilAsync(() => vault.Connection.Renewal.NextRenewalAt == due);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(Wait);
        while (!condition())
        {
            await Task.Delay(5, deadline.Token);
        }
    }
}
