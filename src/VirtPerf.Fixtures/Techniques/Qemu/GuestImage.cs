using System.Security.Cryptography;
using System.Text;
using VirtPerf.Fixtures.Payloads;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>A guest's kernel and initramfs.</summary>
/// <param name="Kernel">The kernel image (bzImage).</param>
/// <param name="Initramfs">The initramfs (gzip-compressed newc cpio).</param>
public sealed record GuestImage(string Kernel, string Initramfs)
{
    /// <summary>Where scripts/setup.sh unpacks Debian's cloud kernel and its modules.</summary>
    public const string KernelDirectory = "/var/cache/virtnetperf/guest-kernel";

    /// <summary>The binaries the initramfs carries, at their host paths (the same ones bare metal runs).</summary>
    public static IReadOnlyList<string> Binaries { get; } = ["/bin/busybox", "/usr/bin/netserver", "/usr/bin/memcached", "/usr/sbin/ethtool"];

    /// <summary>This image as <paramref name="host"/> finds it (<see cref="SutHost.CachedCopyAsync"/>).</summary>
    public async Task<GuestImage> OnAsync(SutHost host, CancellationToken cancellationToken = default) =>
        new(await host.CachedCopyAsync(Kernel, cancellationToken), await host.CachedCopyAsync(Initramfs, cancellationToken));

    /// <summary>
    /// The user's own kernel and initramfs (<c>VIRTPERF_GUEST_KERNEL</c> and <c>VIRTPERF_GUEST_INITRD</c>), else
    /// Debian's cloud kernel with an initramfs built from this host's binaries, cached by content hash.
    /// </summary>
    public static async Task<GuestImage> LinuxAsync(CancellationToken cancellationToken = default)
    {
        var userKernel = Environment.GetEnvironmentVariable("VIRTPERF_GUEST_KERNEL");
        var userInitrd = Environment.GetEnvironmentVariable("VIRTPERF_GUEST_INITRD");
        if (!string.IsNullOrEmpty(userKernel) || !string.IsNullOrEmpty(userInitrd))
        {
            return File.Exists(userKernel) && File.Exists(userInitrd)
                ? new GuestImage(userKernel!, userInitrd!)
                : throw new TechniqueUnavailableException(
                    $"VIRTPERF_GUEST_KERNEL='{userKernel}' and VIRTPERF_GUEST_INITRD='{userInitrd}' must both name existing files.");
        }

        var kernel = Directory.Exists(Path.Combine(KernelDirectory, "boot"))
            ? Directory.GetFiles(Path.Combine(KernelDirectory, "boot"), "vmlinuz-*").FirstOrDefault()
            : null;
        if (kernel is null)
        {
            throw new TechniqueUnavailableException(
                $"no guest kernel in {KernelDirectory}: run scripts/setup.sh (it unpacks Debian's linux-image-cloud-amd64 there).");
        }

        var release = Path.GetFileName(kernel)["vmlinuz-".Length..];
        var entries = new List<(string Name, byte[] Content, bool Executable)> { ("init", Encoding.UTF8.GetBytes(GuestInit.Script), true) };
        foreach (var binary in Binaries)
        {
            if (!File.Exists(binary))
            {
                throw new TechniqueUnavailableException($"{binary} is not installed: run scripts/setup.sh.");
            }

            foreach (var file in (await SharedLibraries.OfAsync(binary, cancellationToken)).Prepend(binary))
            {
                entries.Add((file.TrimStart('/'), await File.ReadAllBytesAsync(file, cancellationToken), true));
            }
        }

        var modules = Path.Combine(KernelDirectory, "lib", "modules", release, "kernel");
        foreach (var module in GuestInit.Modules)
        {
            var file = Directory.GetFiles(modules, $"{module}.ko", SearchOption.AllDirectories).FirstOrDefault()
                ?? throw new TechniqueUnavailableException($"the guest kernel {release} has no {module}.ko under {modules}.");
            entries.Add(($"modules/{module}.ko", await File.ReadAllBytesAsync(file, cancellationToken), false));
        }

        entries = entries.DistinctBy(e => e.Name).ToList();
        var hash = Convert.ToHexStringLower(SHA256.HashData(entries
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .SelectMany(e => Encoding.UTF8.GetBytes(e.Name).Concat(SHA256.HashData(e.Content)))
            .ToArray()))[..16];
        var initramfs = Path.Combine(Path.GetDirectoryName(KernelDirectory)!, $"initramfs-{release}-{hash}.cpio.gz");
        if (!File.Exists(initramfs))
        {
            var staging = $"{initramfs}.{Environment.ProcessId}.tmp";
            NewcArchive.Write(staging, entries);
            File.Move(staging, initramfs, overwrite: true);
        }

        return new GuestImage(kernel, initramfs);
    }
}
