using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>Writes a campaign's numbers (summary.md) and the first input of each behaviour (behaviours/*.json) for picking corpus cases.</summary>
internal static class FuzzRunOutput
{
    public static void Write(string folder, FuzzReport report)
    {
        var behaviours = Path.Combine(folder, "behaviours");
        Directory.CreateDirectory(behaviours);
        var summary = new StringBuilder();
        summary.AppendLine(CultureInfo.InvariantCulture, $"seed {report.Seed}, {report.Inputs:N0} inputs in {report.Elapsed.TotalSeconds:F1} s " +
            $"({report.Inputs / Math.Max(report.Elapsed.TotalSeconds, 0.001):N0} inputs/s), {report.FailureCount} broke the oracle, " +
            $"{report.FirstOfEachBehaviour.Count} distinct behaviours");
        summary.AppendLine();
        summary.Append(report.ToMarkdownTable());
        foreach (var failure in report.Failures)
        {
            summary.AppendLine(CultureInfo.InvariantCulture, $"- FAILURE {failure.Target} from {failure.Seed.Name}: {failure.Outcome}: {failure.Message}");
        }

        File.WriteAllText(Path.Combine(folder, "summary.md"), summary.ToString());
        var index = 0;
        foreach (var result in report.FirstOfEachBehaviour.Concat(report.Failures))
        {
            var testCase = result.Case.DeepClone().AsObject();
            testCase["outcome"] = result.Outcome.ToString();
            testCase["message"] = result.Message;
            testCase["reproducible"] = result.Seed.Reproducible;
            File.WriteAllText(Path.Combine(behaviours, $"{index++:D5}-{result.Target}.json"),
                testCase.ToJsonString(new JsonSerializerOptions { WriteIndented = true, MaxDepth = 1024 }));
        }
    }
}
