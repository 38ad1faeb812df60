using VaultEc2Auth.Login;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Login;

/// <summary>Finding 3 (lock starvation): the wait for an instance's lock is bounded and ends in a clear 429.</summary>
public sealed class InstanceLocksTests
{
    [Fact]
    public async Task Waiting_longer_than_the_bound_is_a_429_naming_the_login_in_progress()
    {
        var locks = new InstanceLocks(TimeSpan.FromMilliseconds(50));
        using var held = await locks.AcquireAsync("i-0aaaaaaaaaaaaaaa1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<RequestException>(() => locks.AcquireAsync("i-0aaaaaaaaaaaaaaa1", CancellationToken.None));

        Assert.Equal(RequestErrorKind.Coded, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("in progress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lock_is_free_again_after_a_wait_timed_out_and_the_holder_left()
    {
        var locks = new InstanceLocks(TimeSpan.FromMilliseconds(50));
        var held = await locks.AcquireAsync("i-0aaaaaaaaaaaaaaa1", CancellationToken.None);
        await Assert.ThrowsAsync<RequestException>(() => locks.AcquireAsync("i-0aaaaaaaaaaaaaaa1", CancellationToken.None));

        held.Dispose();

        using var again = await locks.AcquireAsync("i-0aaaaaaaaaaaaaaa1", CancellationToken.None);
    }

    [Fact]
    public async Task Other_instances_do_not_wait()
    {
        var locks = new InstanceLocks(TimeSpan.FromMilliseconds(50));
        using var held = await locks.AcquireAsync("i-0aaaaaaaaaaaaaaa1", CancellationToken.None);

        using var other = await locks.AcquireAsync("i-0bbbbbbbbbbbbbbb2", CancellationToken.None);
    }

    [Fact]
    public void Default_bound_is_well_inside_vaults_request_timeout() =>
        Assert.True(new InstanceLocks().MaxWait < TimeSpan.FromSeconds(90));
}
