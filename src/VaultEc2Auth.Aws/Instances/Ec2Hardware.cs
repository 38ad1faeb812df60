namespace VaultEc2Auth.Aws.Instances;

/// <summary>
/// Whether this machine is an EC2 instance, from what the kernel exposes without any network: Nitro instances name
/// "Amazon EC2" as their DMI vendor, Xen ones have a hypervisor UUID starting with "ec2". Only then is the
/// instance metadata service asked for the region.
/// </summary>
internal static class Ec2Hardware
{
    private const int MaxFileBytes = 256;

    public static bool IsPresent() => IsPresent("/sys");

    /// <param name="sysRoot">Where sysfs is mounted; tests pass a folder of their own.</param>
    public static bool IsPresent(string sysRoot) =>
        Read(sysRoot, "class/dmi/id/sys_vendor") == "Amazon EC2" ||
        Read(sysRoot, "class/dmi/id/board_vendor") == "Amazon EC2" ||
        Read(sysRoot, "hypervisor/uuid")?.StartsWith("ec2", StringComparison.OrdinalIgnoreCase) == true;

    private static string? Read(string sysRoot, string relativePath)
    {
        var path = Path.Combine(sysRoot, relativePath);
        try
        {
            using var file = File.OpenRead(path);
            var buffer = new byte[MaxFileBytes];
            var length = file.Read(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, length).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Absent or unreadable: not evidence of EC2, so the metadata service is not asked.
            return null;
        }
    }
}
