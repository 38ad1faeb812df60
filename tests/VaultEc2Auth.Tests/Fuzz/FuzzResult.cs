using System.Text.Json.Nodes;

namespace VaultEc2Auth.Tests.Fuzz;

/// <summary>One judged input: where it went, what it came from, how it ended, and the input itself (as a corpus case).</summary>
internal sealed record FuzzResult(FuzzTarget Target, GenuineProof Seed, FuzzOutcome Outcome, string Message, JsonObject Case)
{
    public bool KeptOracle => Outcome is FuzzOutcome.Accepted or FuzzOutcome.Rejected;

    /// <summary>The message with digits folded, so that "offset 12" and "offset 13" count as one behaviour.</summary>
    public string Behaviour => $"{Target} {Outcome}: {new string([.. Message.Take(96).Select(c => char.IsAsciiDigit(c) ? '#' : c)])}";
}
