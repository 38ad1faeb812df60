using VaultEc2Auth.Instances;

namespace VaultEc2Auth.Gce.Instances;

/// <summary>A Compute Engine instance <c>status</c> as the domain's <see cref="InstanceState"/> (docs/gce.md "Instance status").</summary>
internal static class ComputeStatus
{
    public static InstanceState StateOf(string? status) => status switch
    {
        "PROVISIONING" or "STAGING" => InstanceState.Pending,
        "RUNNING" => InstanceState.Running,
        "STOPPING" or "SUSPENDING" or "PENDING_STOP" or "DEPROVISIONING" => InstanceState.Stopping,
        // GCE's TERMINATED is a stopped instance that can be started again, not EC2's terminated: a deleted
        // instance is a 404.
        "STOPPED" or "SUSPENDED" or "TERMINATED" => InstanceState.Stopped,
        // REPAIRING: Google is moving or fixing the host; it may come back. Not running, so no login; the tidy
        // keeps it as it keeps any instance it cannot classify.
        _ => InstanceState.Unknown,
    };
}
