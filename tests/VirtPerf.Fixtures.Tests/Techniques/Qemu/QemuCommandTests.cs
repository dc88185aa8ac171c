using Snapshooter;
using Snapshooter.Xunit;
using VirtPerf.Fixtures.Techniques.Qemu;

namespace VirtPerf.Fixtures.Tests.Techniques.Qemu;

/// <summary>The QEMU command line of every hypervisor technique, checked here even where vhost-net and OSv cannot boot.</summary>
public sealed class QemuCommandTests
{
    private static readonly GuestImage Linux = new("/var/cache/virtnetperf/guest-kernel/boot/vmlinuz-6.1.0-56-cloud-amd64", "/var/cache/virtnetperf/initramfs-x.cpio.gz");

    public static TheoryData<string, bool, bool, bool> Techniques => new()
    {
        { "LinuxVirtio", false, false, false },
        { "LinuxVirtioOffload", false, true, false },
        { "OSvVirtio", false, true, true },
        { "LinuxVhost", true, false, false },
        { "LinuxVhostOffload", true, true, false },
        { "OSvVhost", true, true, true },
    };

    [Theory]
    [MemberData(nameof(Techniques))]
    public void Each_technique_has_its_command_line(string technique, bool vhost, bool offload, bool osv)
    {
        var arguments = QemuCommand.Arguments(Machine(vhost, offload, osv));

        string.Join(' ', arguments).MatchSnapshot(SnapshotNameExtension.Create(technique));
    }

    [Theory]
    [MemberData(nameof(Techniques))]
    public void No_technique_opens_a_display_a_monitor_VNC_or_a_gdb_stub(string technique, bool vhost, bool offload, bool osv)
    {
        var arguments = QemuCommand.Arguments(Machine(vhost, offload, osv));

        arguments.Should().ContainInConsecutiveOrder("-display", "none").And.ContainInConsecutiveOrder("-monitor", "none")
            .And.NotContain(["-vnc", "-gdb", "-s", "-S"], technique);
    }

    [Fact]
    public void Offload_off_turns_every_offload_property_of_the_NIC_off_and_on_leaves_the_defaults()
    {
        var off = Nic(QemuCommand.Arguments(Machine(vhost: false, offload: false, osv: false)));
        var on = Nic(QemuCommand.Arguments(Machine(vhost: false, offload: true, osv: false)));

        off.Split(',').Should().Contain(QemuCommand.OffloadProperties.Select(p => $"{p}=off"));
        on.Should().NotContain("=off");
    }

    [Fact]
    public void Only_vhost_techniques_ask_for_vhost_net()
    {
        QemuCommand.Arguments(Machine(vhost: true, offload: true, osv: false)).Should().Contain(a => a.EndsWith(",vhost=on", StringComparison.Ordinal));
        QemuCommand.Arguments(Machine(vhost: false, offload: true, osv: false)).Should().NotContain(a => a.Contains("vhost", StringComparison.Ordinal));
    }

    [Fact]
    public void A_NIC_behind_a_forwarder_uses_its_netdev_instead_of_a_tap_and_the_guest_gets_its_MTU()
    {
        var machine = Machine(vhost: false, offload: true, osv: false) with
        {
            Tap = null,
            Netdev = "stream,id=net0,server=off,addr.type=unix,addr.path=/run/virtnetperf/vnp-1a2b3c-lpp.passt/passt.sock",
            Boot = new LinuxBoot(Linux, "198.18.254.2/24", "198.18.254.1", Mtu: 65520),
        };

        var arguments = QemuCommand.Arguments(machine);

        arguments.Should().ContainInConsecutiveOrder("-netdev", machine.Netdev).And.NotContain(a => a.StartsWith("tap,", StringComparison.Ordinal));
        Nic(arguments).Should().StartWith("virtio-net-pci,netdev=net0,");
        arguments[^1].Should().EndWith("vnp.ip=198.18.254.2/24 vnp.gw=198.18.254.1 vnp.mtu=65520");
        QemuCommand.NicOffload(machine).Should().EndWith("(QEMU's defaults)");
    }

    private static string Nic(IReadOnlyList<string> arguments) => arguments[arguments.ToList().IndexOf("-device") + 1];

    private static QemuMachine Machine(bool vhost, bool offload, bool osv) => new()
    {
        Accelerator = "tcg",
        Tap = "vnp-1a2b3c-lvt",
        Mac = "52:54:00:1a:2b:3c",
        Vhost = vhost,
        Offload = offload,
        ConsoleLog = "/run/virtnetperf/vnp-1a2b3c-lvc.console",
        Boot = osv
            ? new OSvBoot("/osv/usr.img", "/osv/loader-stripped.elf", "--ip=eth0,198.18.3.2,255.255.255.0 --defaultgw=198.18.3.1 /netserver -D -4 -f & /memcached -m 64 -c 1024 -t 2 -p 11211 -U 0 -u root")
            : new LinuxBoot(Linux, "198.18.3.2/24", "198.18.3.1"),
    };
}
