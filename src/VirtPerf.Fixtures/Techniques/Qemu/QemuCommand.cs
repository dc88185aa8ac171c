using System.Globalization;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>The qemu-system-x86_64 argument list for a <see cref="QemuMachine"/>.</summary>
public static class QemuCommand
{
    /// <summary>The QEMU binary.</summary>
    public const string Executable = "qemu-system-x86_64";

    /// <summary>virtio-net device properties that carry offload features (QEMU's hw/net/virtio-net.c); all are on by default.</summary>
    public static IReadOnlyList<string> OffloadProperties { get; } =
    [
        "csum", "guest_csum", "gso", "guest_tso4", "guest_tso6", "guest_ecn", "guest_ufo",
        "host_tso4", "host_tso6", "host_ecn", "host_ufo",
    ];

    /// <summary>The offload properties of <paramref name="machine"/>'s NIC as its command line sets them, e.g.
    /// <c>csum=on, guest_csum=on, ...</c>: what the guest is offered (a guest without ethtool, OSv, reports nothing
    /// of its own), empty for a machine without a NIC.</summary>
    public static string NicOffload(QemuMachine machine) => machine.Tap is null && machine.Netdev is null
        ? ""
        : string.Join(", ", OffloadProperties.Select(p => $"{p}={(machine.Offload ? "on" : "off")}"))
            + (machine.Offload ? " (QEMU's defaults)" : "");

    /// <summary>The arguments that start <paramref name="machine"/>: no display, no monitor, no VNC or gdb stub, serial
    /// console to a file, one virtio-net NIC on the tap.</summary>
    public static IReadOnlyList<string> Arguments(QemuMachine machine)
    {
        var nic = $"virtio-net-pci,netdev=net0,mac={machine.Mac}"
            + (machine.Offload ? "" : string.Concat(OffloadProperties.Select(p => $",{p}=off")));
        var arguments = new List<string>
        {
            "-accel", machine.Accelerator,
            "-cpu", "max", // all the accelerator offers; "host" aborts on nested (PVM) KVM hosts
            "-smp", Number(machine.Vcpus),
            "-m", Number(machine.MemoryMiB),
            "-nodefaults", "-display", "none", "-monitor", "none", "-no-reboot",
            "-serial", $"file:{machine.ConsoleLog}",
        };
        if (machine.Tap is not null)
        {
            arguments.AddRange([
                "-netdev", $"tap,id=net0,ifname={machine.Tap},script=no,downscript=no" + (machine.Vhost ? ",vhost=on" : ""),
                "-device", nic,
            ]);
        }
        else if (machine.Netdev is not null)
        {
            arguments.AddRange(["-netdev", machine.Netdev, "-device", nic]);
        }

        switch (machine.Boot)
        {
            case LinuxBoot linux:
                arguments.AddRange([
                    "-kernel", linux.Image.Kernel,
                    "-initrd", linux.Image.Initramfs,
                    "-append", $"console=ttyS0 quiet panic=-1 vnp.ip={linux.Address} vnp.gw={linux.Gateway}"
                        + (linux.Mtu is { } mtu ? $" vnp.mtu={Number(mtu)}" : ""),
                ]);
                break;
            case OSvBoot osv:
                arguments.AddRange([
                    "-drive", $"file={osv.Image},if=none,id=hd0,cache=none",
                    "-device", "virtio-blk-pci,drive=hd0",
                    "-kernel", osv.Loader,
                    "-append", osv.CommandLine,
                ]);
                break;
            default:
                throw new ArgumentException($"Unknown boot {machine.Boot.GetType().Name}.", nameof(machine));
        }

        return arguments;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
