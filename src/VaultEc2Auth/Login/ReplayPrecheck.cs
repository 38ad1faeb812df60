using VaultEc2Auth.Identity;
using VaultPlugin.Sdk.Framework;

namespace VaultEc2Auth.Login;

/// <summary>
/// The part of <see cref="AccessList.Evaluate"/> that no role setting can change, run before the instance lock is
/// taken and before EC2 is asked. Without it, every login carrying a victim's (public) document and a wrong nonce
/// held the victim's lock for one DescribeInstances round trip, delaying the real instance's logins and renewals.
/// It denies only what the full evaluation would deny whatever the matched role: reauthentication the entry itself
/// forbids, an older document, or a wrong nonce with a document that is not newer (allow_instance_migration accepts
/// another nonce only with a newer one). Everything else goes on to the full evaluation under the lock.
/// </summary>
public static class ReplayPrecheck
{
    public static void DenyWhateverTheRole(AccessListEntry? entry, VerifiedDocument document, NonceInput nonce)
    {
        // An expired entry still binds (only the tidy drops it), so it decides here as in the full evaluation.
        if (entry is null)
        {
            return;
        }

        AccessList.DenyOlderOrForbidden(entry, document);
        if (document.CloudProvider == CloudProviders.Aws && document.PendingTime == entry.PendingTime && !AccessList.Matches(entry, nonce))
        {
            throw RequestException.Denied("client nonce mismatch");
        }
    }
}
