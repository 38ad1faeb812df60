using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Config;

/// <summary>
/// A stored secret goes only where it was configured to go: whoever may change a setting that decides where the
/// secret is sent must give the secret again, or anyone allowed to update the destination (but not to read the
/// secret) could redirect it to a server of their own.
/// </summary>
internal static class SecretDestination
{
    /// <summary>
    /// Refuses a write that changes one of <paramref name="settings"/> (name, stored value, new value) while keeping
    /// a stored secret without giving it again.
    /// </summary>
    public static void RequireSecretForNewDestination(bool keepsStoredSecret, string secretFields, params ReadOnlySpan<(string Name, object? Stored, object? Written)> settings)
    {
        if (!keepsStoredSecret)
        {
            return;
        }

        var changed = new List<string>();
        foreach (var (name, stored, written) in settings)
        {
            if (!Equals(stored, written))
            {
                changed.Add(name);
            }
        }

        if (changed.Count > 0)
        {
            throw RequestException.BadRequest(
                $"{secretFields} must be given again when {string.Join(", ", changed)} changes: a stored secret is never sent to a new destination");
        }
    }
}
