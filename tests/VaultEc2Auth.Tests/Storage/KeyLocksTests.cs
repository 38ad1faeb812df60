using VaultEc2Auth.Storage;

namespace VaultEc2Auth.Tests.Storage;

/// <summary>One lock per key: other keys never wait, a set of keys is taken without deadlock and given back whole.</summary>
public sealed class KeyLocksTests
{
    private static readonly TimeSpan NoWait = TimeSpan.Zero;

    private readonly KeyLocks _locks = new();

    [Fact]
    public async Task A_held_key_is_not_free_and_another_key_is()
    {
        using var held = await _locks.TryAcquireAsync("a", NoWait, CancellationToken.None);

        Assert.Null(await _locks.TryAcquireAsync("a", NoWait, CancellationToken.None));
        using var other = await _locks.TryAcquireAsync("b", NoWait, CancellationToken.None);
        Assert.NotNull(other);
    }

    [Fact]
    public async Task Acquiring_a_set_holds_every_key_until_it_is_released_together()
    {
        var held = await _locks.AcquireAllAsync(["b", "a", "b"], CancellationToken.None);
        Assert.Null(await _locks.TryAcquireAsync("a", NoWait, CancellationToken.None));
        Assert.Null(await _locks.TryAcquireAsync("b", NoWait, CancellationToken.None));

        held.Dispose();

        using var a = await _locks.TryAcquireAsync("a", NoWait, CancellationToken.None);
        using var b = await _locks.TryAcquireAsync("b", NoWait, CancellationToken.None);
        Assert.NotNull(a);
        Assert.NotNull(b);
    }

    [Fact]
    public async Task Two_callers_naming_the_same_keys_in_opposite_orders_both_get_them()
    {
        // Both must queue while "a" is taken: taken in the order given, the second would hold "b" and wait for "a"
        // while the first holds "a" and waits for "b".
        var holdsA = await _locks.TryAcquireAsync("a", NoWait, CancellationToken.None);
        var first = _locks.AcquireAllAsync(["a", "b"], CancellationToken.None);
        var second = _locks.AcquireAllAsync(["b", "a"], CancellationToken.None);

        holdsA!.Dispose();

        (await first.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_gives_back_the_keys_it_had_taken()
    {
        using var holdsB = await _locks.TryAcquireAsync("b", NoWait, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = _locks.AcquireAllAsync(["a", "b"], cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        using var a = await _locks.TryAcquireAsync("a", NoWait, CancellationToken.None);
        Assert.NotNull(a);
    }
}
