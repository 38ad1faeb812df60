using BenchmarkDotNet.Running;
using VaultEc2Auth.Benchmarks;

if (args is ["tidy-scale", .. var rest])
{
    await TidyScaleBench.RunAsync(rest);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
