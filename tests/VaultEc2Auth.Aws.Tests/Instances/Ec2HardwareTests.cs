using VaultEc2Auth.Aws.Instances;

namespace VaultEc2Auth.Aws.Tests.Instances;

/// <summary>The metadata service is asked only on EC2 hardware: off EC2 nothing goes to the link-local address.</summary>
public sealed class Ec2HardwareTests : IDisposable
{
    private readonly string _sys = Directory.CreateTempSubdirectory("sys-").FullName;

    public void Dispose() => Directory.Delete(_sys, recursive: true);

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_sys, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [Fact]
    public void Nitro_instance_is_recognised_by_its_dmi_vendor()
    {
        Write("class/dmi/id/sys_vendor", "Amazon EC2\n");

        Assert.True(Ec2Hardware.IsPresent(_sys));
    }

    [Fact]
    public void Xen_instance_is_recognised_by_its_hypervisor_uuid()
    {
        Write("hypervisor/uuid", "ec2e1916-9099-7caf-fd21-012345abcdef\n");

        Assert.True(Ec2Hardware.IsPresent(_sys));
    }

    [Theory]
    [InlineData("class/dmi/id/sys_vendor", "QEMU")]
    [InlineData("hypervisor/uuid", "4f1c2d3e-0000-1111-2222-333344445555")]
    public void Other_machines_are_not_ec2(string relativePath, string content)
    {
        Write(relativePath, content);

        Assert.False(Ec2Hardware.IsPresent(_sys));
    }

    [Fact]
    public void Machine_without_sysfs_entries_is_not_ec2() => Assert.False(Ec2Hardware.IsPresent(_sys));
}
