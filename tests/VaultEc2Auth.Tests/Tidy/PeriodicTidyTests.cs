using System.Text.Json.Nodes;
using VaultEc2Auth.Instances;
using VaultEc2Auth.TestSupport;

namespace VaultEc2Auth.Tests.Tidy;

/// <summary>The periodic tidy on Vault's rollback request: in the background, once per interval, never on a standby.</summary>
public sealed class PeriodicTidyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Ec2AuthHarness _plugin = new();

    private async Task<LaunchedInstance> TerminatedAfterLoginAsync()
    {
        await _plugin.SetUpPkiRoleAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Terminated);
        return instance;
    }

    /// <summary>Waits until the background tidy that started now (the fake clock's now) has written its end time.</summary>
    private async Task<JsonObject> FinishedStatusAsync()
    {
        var startTime = _plugin.Clock.GetUtcNow();
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if ((await _plugin.ReadAsync("tidy/status"))?.Data is { } status && status["end_time"]!.GetValue<string>().Length > 0 &&
                DateTimeOffset.Parse(status["start_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) == startTime)
            {
                return status;
            }

            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task Rollback_starts_a_tidy_in_the_background_and_answers_at_once()
    {
        var instance = await TerminatedAfterLoginAsync();
        var pause = _plugin.Storage.PauseNext(StorageCall.List, "instances/");

        var answer = await _plugin.RollbackAsync().WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Null(answer);
        await pause.Reached.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.NotNull(_plugin.Vault.PolicyText(instance.PolicyName()));
        pause.Release();
        var status = await FinishedStatusAsync();
        Assert.Equal("periodic", status["trigger"]!.GetValue<string>());
        Assert.Equal(1, status["removed"]!.GetValue<int>());
        Assert.Null(_plugin.Vault.PolicyText(instance.PolicyName()));
    }

    [Fact]
    public async Task Rollback_starts_no_tidy_before_interval_has_passed_since_the_last_one_started()
    {
        await _plugin.SetUpPkiRoleAsync();
        await _plugin.RollbackAsync();
        await FinishedStatusAsync();
        var instance = _plugin.Launch();
        await _plugin.LoginAsync(instance.Pkcs7, "nonce");
        _plugin.Describer.SetState(instance.InstanceId, InstanceState.Terminated);

        _plugin.Clock.Advance(TimeSpan.FromMinutes(59));
        await _plugin.RollbackAsync();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.NotNull(_plugin.Vault.PolicyText(instance.PolicyName()));

        _plugin.Clock.Advance(TimeSpan.FromMinutes(1));
        await _plugin.RollbackAsync();
        Assert.Equal(1, (await FinishedStatusAsync())["removed"]!.GetValue<int>());
        Assert.Null(_plugin.Vault.PolicyText(instance.PolicyName()));
    }

    [Fact]
    public async Task Rollback_starts_no_tidy_with_disable_periodic_tidy_while_tidy_instances_still_works()
    {
        var instance = await TerminatedAfterLoginAsync();
        await _plugin.WriteAsync("config/tidy", new JsonObject { ["disable_periodic_tidy"] = true });

        await _plugin.RollbackAsync();
        await Task.Delay(200, TestContext.Current.CancellationToken);

        Assert.Null(await _plugin.ReadAsync("tidy/status"));
        Assert.NotNull(_plugin.Vault.PolicyText(instance.PolicyName()));
        Assert.Equal(1, (await _plugin.TidyAsync()).Removed);
    }

    [Fact]
    public async Task Rollback_on_read_only_storage_skips_the_tidy_quietly()
    {
        var instance = await TerminatedAfterLoginAsync();
        _plugin.Storage.ReadOnly = true;

        var answer = await _plugin.RollbackAsync();

        Assert.Null(answer);
        using var timeout = new CancellationTokenSource(Patience);
        while (!_plugin.LogText.Contains("periodic tidy skipped", StringComparison.Ordinal))
        {
            await Task.Delay(10, timeout.Token);
        }

        Assert.DoesNotContain("\"@level\":\"error\"", _plugin.LogText, StringComparison.Ordinal);
        Assert.NotNull(_plugin.Vault.PolicyText(instance.PolicyName()));
    }

    [Fact]
    public async Task Cleanup_waits_for_a_running_periodic_tidy_to_stop()
    {
        await TerminatedAfterLoginAsync();
        var pause = _plugin.Storage.PauseNext(StorageCall.List, "instances/");
        await _plugin.RollbackAsync();
        await pause.Reached.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var cleanup = _plugin.Definition.Cleanup!();
        Assert.False(cleanup.IsCompleted);
        pause.Release();

        await cleanup.WaitAsync(Patience, TestContext.Current.CancellationToken);
    }
}
