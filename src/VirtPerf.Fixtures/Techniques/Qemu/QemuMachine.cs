namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>Everything that decides a guest's QEMU command line.</summary>
public sealed record QemuMachine
{
    /// <summary>vCPUs unless <c>VIRTPERF_GUEST_VCPUS</c> says otherwise: the SUT gets the testbed's two CPUs.</summary>
    public const int DefaultVcpus = 2;

    /// <summary>Guest memory unless <c>VIRTPERF_GUEST_MEMORY_MIB</c> says otherwise (memcached's 64 MB fits easily).</summary>
    public const int DefaultMemoryMiB = 1024;

    /// <summary><c>kvm</c> or <c>tcg</c> (software emulation), as chosen by probing.</summary>
    public required string Accelerator { get; init; }

    /// <summary>Virtual CPUs.</summary>
    public int Vcpus { get; init; } = DefaultVcpus;

    /// <summary>Guest memory in MiB.</summary>
    public int MemoryMiB { get; init; } = DefaultMemoryMiB;

    /// <summary>The host tap device the virtio-net NIC is attached to; null for a machine without a NIC (the probe).</summary>
    public required string? Tap { get; init; }

    /// <summary>The NIC's <c>-netdev</c> backend when it is not a tap (QEMU's user-mode networking, a passt socket),
    /// with <c>id=net0</c>; null otherwise.</summary>
    public string? Netdev { get; init; }

    /// <summary>The NIC's MAC address.</summary>
    public required string Mac { get; init; }

    /// <summary>True for vhost-net (the packet work in a host kernel thread), false for QEMU's userspace virtio-net.</summary>
    public required bool Vhost { get; init; }

    /// <summary>True to advertise the NIC's offload features (checksum, TSO/GSO, UFO, ECN); false turns them all off.</summary>
    public required bool Offload { get; init; }

    /// <summary>The file the serial console is written to.</summary>
    public required string ConsoleLog { get; init; }

    /// <summary>What the guest boots.</summary>
    public required GuestBoot Boot { get; init; }
}

/// <summary>What a guest boots.</summary>
public abstract record GuestBoot;

/// <summary>A Linux kernel and initramfs, configured through the kernel command line.</summary>
/// <param name="Image">Kernel and initramfs.</param>
/// <param name="Address">The guest's address with prefix length, e.g. <c>198.18.3.2/24</c>.</param>
/// <param name="Gateway">Its default gateway (the host's bridge address).</param>
/// <param name="Mtu">eth0's MTU when not the default 1500 (what passt's DHCP would give, say).</param>
public sealed record LinuxBoot(GuestImage Image, string Address, string Gateway, int? Mtu = null) : GuestBoot;

/// <summary>An OSv image on a virtio-blk disk, booted directly through its loader so the framework sets the command line.</summary>
/// <param name="Image">OSv's disk image (build/release/usr.img).</param>
/// <param name="Loader">OSv's loader (build/release/loader-stripped.elf).</param>
/// <param name="CommandLine">OSv's command line: rootfs, network, then the application.</param>
public sealed record OSvBoot(string Image, string Loader, string CommandLine) : GuestBoot;
