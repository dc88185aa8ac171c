using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using DotNet.Testcontainers.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Payloads;

namespace VirtPerf.Fixtures.Techniques.Docker;

/// <summary>
/// The container payload: <c>FROM scratch</c> plus the host's own netserver, memcached and busybox and the shared
/// libraries they link, so containers run the very binaries bare metal runs on this machine (on a remote SUT host too:
/// the image is self-contained). No registry is needed. The build context is cached on disk by content hash; the image
/// is built once per run and engine (named and labelled with the run) and removed with the run's other resources.
/// </summary>
public static class PayloadImage
{
    /// <summary>The binaries the payload carries, at the same paths as on the host.</summary>
    public static IReadOnlyList<string> Binaries { get; } = ["/usr/bin/netserver", "/usr/bin/memcached", "/bin/busybox"];

    private static readonly ConcurrentDictionary<string, Lazy<Task<BuiltImage>>> Built = new();

    /// <summary>Where build contexts are cached (<c>VIRTPERF_CACHE_DIR</c>, default /var/cache/virtnetperf).</summary>
    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable("VIRTPERF_CACHE_DIR") is { Length: > 0 } dir ? dir : "/var/cache/virtnetperf";

    /// <summary>The run's payload image on <paramref name="engine"/>, built on first use; later callers in the run get
    /// the same image.</summary>
    public static Task<BuiltImage> ForRunAsync(string runId, DockerEngine engine) =>
        Built.GetOrAdd($"{runId} {engine.Endpoint}", _ => new Lazy<Task<BuiltImage>>(() => BuildAsync(runId, engine))).Value;

    private static async Task<BuiltImage> BuildAsync(string runId, DockerEngine engine)
    {
        var clock = Stopwatch.StartNew();
        var context = await ContextAsync();
        var name = $"{ResourceNames.For(runId, "pl")}:{Path.GetFileName(context)[8..]}";
        var image = new ImageFromDockerfileBuilder()
            .WithDockerfileDirectory(context)
            .WithDockerfile("Dockerfile")
            .WithName(name)
            .WithDockerEndpoint(engine.Endpoint)
            .WithLogger(NullLogger.Instance)
            .WithLabel(DockerResources.RunLabel, runId)
            .WithCleanUp(false)
            .Build();
        await image.CreateAsync();
        return new BuiltImage(name, clock.Elapsed);
    }

    /// <summary>The build context folder for the binaries as they are now on this host (content-addressed): a
    /// <c>Dockerfile</c> and its <c>rootfs/</c>; other engines (rootless Podman) build the same payload from it.</summary>
    public static async Task<string> ContextAsync()
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var binary in Binaries)
        {
            if (!File.Exists(binary))
            {
                throw new TechniqueUnavailableException($"{binary} is not installed: run scripts/setup.sh.");
            }

            files.Add(binary);
            files.UnionWith(await SharedLibraries.OfAsync(binary));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(
            files.SelectMany(f => System.Text.Encoding.UTF8.GetBytes(f).Concat(SHA256.HashData(File.ReadAllBytes(f)))).ToArray()))[..16];
        var context = Path.Combine(CacheDirectory, $"payload-{hash}");
        if (Directory.Exists(context))
        {
            return context;
        }

        var staging = $"{context}.{Environment.ProcessId}.tmp";
        Directory.CreateDirectory(Path.Combine(staging, "rootfs", "tmp"));
        foreach (var file in files)
        {
            var target = Path.Combine(staging, "rootfs", file.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target); // File.Copy follows symlinks: the library itself, under the name ldd gave
        }

        await File.WriteAllTextAsync(Path.Combine(staging, "Dockerfile"), "FROM scratch\nCOPY rootfs/ /\n");
        Directory.Move(staging, context); // atomic: a concurrent run either sees the whole context or none
        return context;
    }
}

/// <summary>A built payload image and how long its build took.</summary>
public sealed record BuiltImage(string Name, TimeSpan BuildTime);
