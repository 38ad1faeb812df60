namespace VaultEc2Auth.LoginBench;

/// <summary>Which instances a run logs in: fresh ones, one known one, or known ones in turn.</summary>
internal enum Workload
{
    FirstLogin,
    ReloginOne,
    ReloginRoundRobin,
}

/// <summary>One row of the table: a workload and a client count, measured on both sides.</summary>
internal sealed record Scenario(Workload Workload, int Clients, string Label);

/// <summary>The measured pair of one scenario.</summary>
internal sealed record ScenarioResult(Scenario Scenario, RunResult BuiltIn, RunResult Plugin)
{
    public double Ratio => BuiltIn.LoginsPerSecond == 0 ? 0 : Plugin.LoginsPerSecond / BuiltIn.LoginsPerSecond;

    public double P99Ratio => BuiltIn.P99Ms == 0 ? 0 : Plugin.P99Ms / BuiltIn.P99Ms;
}

/// <summary>Thread-safe sources of login bodies for the closed loop.</summary>
internal static class Bodies
{
    /// <summary>Each body once, then null: a first login needs an instance that never logged in.</summary>
    public static LoadRun.NextBody Once(IReadOnlyList<byte[]> bodies)
    {
        var next = -1;
        return () =>
        {
            var i = Interlocked.Increment(ref next);
            return i < bodies.Count ? bodies[i] : null;
        };
    }

    /// <summary>The bodies in turn, forever.</summary>
    public static LoadRun.NextBody RoundRobin(IReadOnlyList<byte[]> bodies)
    {
        var next = -1;
        return () => bodies[(int)((uint)Interlocked.Increment(ref next) % (uint)bodies.Count)];
    }
}
