using VirtPerf.Fixtures.Techniques.Qemu;

namespace VirtPerf.Fixtures.Tests.Techniques.Qemu;

/// <summary>The NIC's offload state as the QEMU command line sets it: what an OSv row records, OSv having no ethtool.</summary>
public sealed class QemuNicOffloadTests
{
    [Fact]
    public void Offload_on_names_every_offload_property_on_as_QEMUs_default()
    {
        var machine = Machine(offload: true);

        var state = QemuCommand.NicOffload(machine);

        state.Should().Be(string.Join(", ", QemuCommand.OffloadProperties.Select(p => $"{p}=on")) + " (QEMU's defaults)");
        Nic(machine).Should().NotContain("=off", "on is QEMU's default, so the command line sets none of them");
    }

    [Fact]
    public void Offload_off_names_every_property_the_command_line_turns_off()
    {
        var machine = Machine(offload: false);

        var state = QemuCommand.NicOffload(machine);

        state.Split(", ").Should().Equal(QemuCommand.OffloadProperties.Select(p => $"{p}=off"));
        Nic(machine).Split(',').Should().Contain(state.Split(", "), "the state recorded is the one the command line sets");
    }

    [Fact]
    public void A_machine_without_a_NIC_has_no_offload_state()
    {
        QemuCommand.NicOffload(Machine(offload: true) with { Tap = null }).Should().BeEmpty();
    }

    private static string Nic(QemuMachine machine)
    {
        var arguments = QemuCommand.Arguments(machine).ToList();
        return arguments[arguments.IndexOf("-device") + 1];
    }

    private static QemuMachine Machine(bool offload) => new()
    {
        Accelerator = "tcg",
        Tap = "vnp-1a2b3c-ovt",
        Mac = "52:54:00:1a:2b:3c",
        Vhost = false,
        Offload = offload,
        ConsoleLog = "/run/virtnetperf/vnp-1a2b3c-ovq.console",
        Boot = new OSvBoot("/osv/usr.img", "/osv/loader-stripped.elf", "--ip=eth0,198.18.3.2,255.255.255.0 --defaultgw=198.18.3.1 /netserver -D -4 -f"),
    };
}
