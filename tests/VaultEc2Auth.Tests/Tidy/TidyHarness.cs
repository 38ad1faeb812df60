using System.Text.Json.Nodes;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Tests.Tidy;

/// <summary>The tidy's requests on top of <see cref="Ec2AuthHarness"/>, and its counts as the response gives them.</summary>
internal static class TidyHarness
{
    public static async Task<TidyCounts> TidyAsync(this Ec2AuthHarness plugin)
    {
        var response = await plugin.SendAsync(Operations.Update, "tidy/instances");
        return TidyCounts.From(response!.Data!);
    }

    public static Task<LogicalResponse?> RollbackAsync(this Ec2AuthHarness plugin) => plugin.SendAsync(Operations.Rollback, "");
}

internal sealed record TidyCounts(int Checked, int Removed, int Kept, int Failed, int AccessListRemoved, IReadOnlyList<string> Errors)
{
    public bool Equals(TidyCounts? other) =>
        other is not null && (Checked, Removed, Kept, Failed, AccessListRemoved) == (other.Checked, other.Removed, other.Kept, other.Failed, other.AccessListRemoved) &&
        Errors.SequenceEqual(other.Errors, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Checked, Removed, Kept, Failed, AccessListRemoved, Errors.Count);

    public override string ToString() =>
        $"checked {Checked}, removed {Removed}, kept {Kept}, failed {Failed}, access_list_removed {AccessListRemoved}, errors [{string.Join("; ", Errors)}]";

    public static TidyCounts From(JsonObject data) => new(
        data["checked"]!.GetValue<int>(), data["removed"]!.GetValue<int>(), data["kept"]!.GetValue<int>(), data["failed"]!.GetValue<int>(),
        data["access_list_removed"]!.GetValue<int>(), [.. data["errors"]!.AsArray().Select(error => error!.GetValue<string>())]);
}
