using VirtPerf.Fixtures.Payloads;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// The Linux guest's /init (busybox sh): loads the virtio-net modules, configures eth0 from the kernel command line
/// (<c>vnp.ip=ADDR/PREFIX vnp.gw=GATEWAY</c>), prints the effective offload state between markers, starts memcached
/// (one thread per vCPU) and netserver, each in the foreground of its own process, and prints the ready marker once both
/// listen.
/// memcached runs as root only with <c>-u</c>, which looks the user up in /etc/passwd (getpwnam), so the script
/// writes a minimal one with root and nobody.
/// </summary>
public static class GuestInit
{
    /// <summary>Printed on the serial console once the guest has started its servers.</summary>
    public const string ReadyMarker = "VNP-READY";

    /// <summary>Brackets the output of <c>ethtool -k eth0</c> on the serial console.</summary>
    public const string OffloadBegin = "VNP-OFFLOAD-BEGIN";

    /// <summary>Closes the offload state.</summary>
    public const string OffloadEnd = "VNP-OFFLOAD-END";

    /// <summary>The virtio-net modules in load order (a module before the ones that need it).</summary>
    public static IReadOnlyList<string> Modules { get; } =
        ["virtio_ring", "virtio", "virtio_pci_legacy_dev", "virtio_pci_modern_dev", "virtio_pci", "failover", "net_failover", "virtio_net"];

    /// <summary>The script itself.</summary>
    public static string Script => $$"""
        #!/bin/busybox sh
        /bin/busybox mkdir -p /proc /sys /dev /tmp /bin /etc
        /bin/busybox --install -s /bin
        mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
        for m in {{string.Join(' ', Modules)}}; do insmod /modules/$m.ko; done
        for word in $(cat /proc/cmdline); do
          case "$word" in vnp.ip=*) IP=${word#vnp.ip=};; vnp.gw=*) GW=${word#vnp.gw=};; vnp.mtu=*) MTU=${word#vnp.mtu=};; esac
        done
        ip link set lo up; ip addr add "$IP" dev eth0; ip link set eth0 up; ip route add default via "$GW"
        [ -n "$MTU" ] && ip link set eth0 mtu "$MTU"
        ping -c 1 -W 1 "$GW" >/dev/null 2>&1 # a first frame: passt learns the guest's MAC address from it
        echo {{OffloadBegin}}; /usr/sbin/ethtool -k eth0; echo {{OffloadEnd}}
        printf '%s\n' 'root:x:0:0:root:/:/bin/sh' 'nobody:x:65534:65534:nobody:/:/bin/false' > /etc/passwd
        printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' > /etc/group
        {{MemcachedServer.ShellCommand(threads: null, user: "nobody")}} &
        /usr/bin/netserver -D -4 -p {{Netserver.DefaultPort}} &
        for i in $(seq 100); do grep -q ':{{Listening(Netserver.DefaultPort)}} 00000000:0000 0A' /proc/net/tcp \
          && grep -q ':{{Listening(MemcachedServer.DefaultPort)}} 00000000:0000 0A' /proc/net/tcp && break; sleep 0.1; done
        echo {{ReadyMarker}}
        while true; do sleep 3600; done

        """.Replace("\r", "", StringComparison.Ordinal);

    // A listening socket's port as /proc/net/tcp prints it (upper-case hex, four digits): the marker waits for both
    // servers, so a guest behind a forwarder (which accepts on the host before the guest listens) is ready when it says so.
    private static string Listening(int port) => port.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
}
