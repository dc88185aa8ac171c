using System.Globalization;

namespace VirtPerf.Fixtures.Techniques.Rootless;

/// <summary>The TCP ports listening in a process's network namespace, from its /proc/PID/net/tcp (proc(5)): how a
/// rootless technique knows its servers are up behind the forwarder, which accepts connections before they are.</summary>
public static class ListeningPorts
{
    private const string Listen = "0A"; // TCP_LISTEN in include/net/tcp_states.h

    /// <summary>The listening ports in the text of a /proc/net/tcp file.</summary>
    public static IReadOnlySet<int> Parse(string table)
    {
        var ports = new HashSet<int>();
        foreach (var line in table.Split('\n').Skip(1))
        {
            // sl local_address rem_address st ...: the local address is HEXADDR:HEXPORT.
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 3 && fields[3] == Listen && fields[1].Split(':') is [_, var port])
            {
                ports.Add(int.Parse(port, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }

        return ports;
    }

    /// <summary>The listening TCP ports in <paramref name="pid"/>'s network namespace (empty when it is gone).</summary>
    public static IReadOnlySet<int> Of(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/net/tcp"));
        }
        catch (IOException)
        {
            return new HashSet<int>();
        }
    }
}
