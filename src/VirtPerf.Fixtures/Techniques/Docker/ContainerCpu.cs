using System.Globalization;
using VirtPerf.Cli;

namespace VirtPerf.Fixtures.Techniques.Docker;

/// <summary>
/// CPU time of everything in one container, from its cgroup: cpuacct.usage (cgroup v1, nanoseconds) or cpu.stat's
/// usage_usec (cgroup v2), found through /proc/PID/cgroup of the container's first process.
/// </summary>
public sealed class ContainerCpu
{
    private readonly string _file;
    private readonly bool _v2;

    private ContainerCpu(string file, bool v2)
    {
        _file = file;
        _v2 = v2;
    }

    /// <summary>The CPU counter of the running container <paramref name="containerId"/>.</summary>
    public static async Task<ContainerCpu> ForAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var inspect = await Tool.RunAsync("docker", ["inspect", "--format", "{{.State.Pid}}", containerId], cancellationToken);
        var pid = int.Parse(inspect.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        foreach (var line in await File.ReadAllLinesAsync($"/proc/{pid}/cgroup", cancellationToken))
        {
            var fields = line.Split(':', 3); // hierarchy-id:controllers:path (cgroups(7))
            if (fields[1].Split(',').Contains("cpuacct"))
            {
                return new ContainerCpu(Path.Combine("/sys/fs/cgroup/cpuacct", fields[2].TrimStart('/'), "cpuacct.usage"), v2: false);
            }

            if (fields[0] == "0" && fields[1].Length == 0 && File.Exists(Path.Combine("/sys/fs/cgroup", fields[2].TrimStart('/'), "cpu.stat")))
            {
                return new ContainerCpu(Path.Combine("/sys/fs/cgroup", fields[2].TrimStart('/'), "cpu.stat"), v2: true);
            }
        }

        throw new InvalidOperationException($"No CPU accounting cgroup found for container {containerId} (pid {pid}).");
    }

    /// <summary>CPU seconds the container has used so far (all its processes and threads).</summary>
    public double Seconds()
    {
        if (!_v2)
        {
            return long.Parse(File.ReadAllText(_file).Trim(), CultureInfo.InvariantCulture) / 1e9;
        }

        var usage = File.ReadLines(_file).First(l => l.StartsWith("usage_usec ", StringComparison.Ordinal));
        return long.Parse(usage["usage_usec ".Length..], CultureInfo.InvariantCulture) / 1e6;
    }
}
