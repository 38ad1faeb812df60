namespace VaultEc2Auth.TestSupport.Net;

/// <summary>"Fail the next N requests" for the fake servers: each request takes one from the count, atomically.</summary>
public static class FaultCountdown
{
    /// <summary>True, and one fewer left, when <paramref name="counter"/> was above zero.</summary>
    public static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
