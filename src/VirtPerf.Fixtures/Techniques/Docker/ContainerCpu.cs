using System.Globalization;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Docker;

/// <summary>
/// CPU time of everything in one container, from its cgroup on the engine's host: cpuacct.usage (cgroup v1,
/// nanoseconds) or cpu.stat's usage_usec (cgroup v2), found through /proc/PID/cgroup of the container's first process.
/// </summary>
public sealed class ContainerCpu
{
    private readonly SutHost _host;
    private readonly string _file;
    private readonly bool _v2;

    private ContainerCpu(SutHost host, string file, bool v2)
    {
        _host = host;
        _file = file;
        _v2 = v2;
    }

    /// <summary>The CPU counter of the running container <paramref name="containerId"/> of <paramref name="docker"/>'s engine.</summary>
    public static async Task<ContainerCpu> ForAsync(DockerCli docker, string containerId, CancellationToken cancellationToken = default)
    {
        var inspect = await docker.RunAsync(["inspect", "--format", "{{.State.Pid}}", containerId], cancellationToken);
        var pid = int.Parse(inspect.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        var host = docker.Host;
        foreach (var line in (await host.ReadFileAsync($"/proc/{pid}/cgroup", cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(':', 3); // hierarchy-id:controllers:path (cgroups(7))
            if (fields[1].Split(',').Contains("cpuacct"))
            {
                return new ContainerCpu(host, Path.Combine("/sys/fs/cgroup/cpuacct", fields[2].TrimStart('/'), "cpuacct.usage"), v2: false);
            }

            if (fields[0] == "0" && fields[1].Length == 0)
            {
                return new ContainerCpu(host, Path.Combine("/sys/fs/cgroup", fields[2].TrimStart('/'), "cpu.stat"), v2: true);
            }
        }

        throw new InvalidOperationException($"No CPU accounting cgroup found for container {containerId} (pid {pid}) on {host.Description}.");
    }

    /// <summary>CPU seconds the container has used so far (all its processes and threads). On a remote host this is a
    /// round trip over SSH, taken between measurements, never inside one.</summary>
    public double Seconds()
    {
        var text = _host.ReadFileAsync(_file).GetAwaiter().GetResult();
        if (!_v2)
        {
            return long.Parse(text.Trim(), CultureInfo.InvariantCulture) / 1e9;
        }

        var usage = text.Split('\n').First(l => l.StartsWith("usage_usec ", StringComparison.Ordinal));
        return long.Parse(usage["usage_usec ".Length..], CultureInfo.InvariantCulture) / 1e6;
    }
}
