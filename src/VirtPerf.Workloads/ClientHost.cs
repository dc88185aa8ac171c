using System.Text.RegularExpressions;

namespace VirtPerf.Workloads;

/// <summary>Where the load generator runs: this host's own network stack, or a client network namespace.</summary>
public sealed partial record ClientHost
{
    private ClientHost(string description, IReadOnlyList<string> wrapper)
    {
        Description = description;
        Wrapper = wrapper;
    }

    /// <summary>The current network namespace (loopback or the host's own links).</summary>
    public static ClientHost Local { get; } = new("local", []);

    /// <summary>How a person would name this client host.</summary>
    public string Description { get; }

    /// <summary>The command prefix that moves a tool into the client's namespace (empty for local).</summary>
    public IReadOnlyList<string> Wrapper { get; }

    /// <summary>A client inside the named network namespace; tools run through <c>ip netns exec</c>.</summary>
    public static ClientHost InNamespace(string networkNamespace)
    {
        if (!NamespaceName().IsMatch(networkNamespace))
        {
            throw new ArgumentException(
                $"'{networkNamespace}' is not a valid network namespace name (letters, digits, '-', '_', '.'; at most 64).",
                nameof(networkNamespace));
        }

        return new ClientHost($"netns {networkNamespace}", ["ip", "netns", "exec", networkNamespace]);
    }

    /// <summary>This client with each tool started inside the cgroup whose process list is
    /// <paramref name="processesFile"/> (its <c>cgroup.procs</c>), and so under that cgroup's CPU quota: how the
    /// calibration slows one side's sender on purpose. A shell writes its own id there and execs the tool, which keeps
    /// the id.</summary>
    public ClientHost StartingIn(string processesFile) =>
        new($"{Description}, started in {processesFile}", ["sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", processesFile, .. Wrapper]);

    /// <summary>The target and arguments that run <paramref name="tool"/> on this client host.</summary>
    public (string Target, IReadOnlyList<string> Arguments) Command(string tool, IEnumerable<string> arguments) =>
        Wrapper.Count == 0
            ? (tool, arguments.ToList())
            : (Wrapper[0], [.. Wrapper.Skip(1), tool, .. arguments]);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex NamespaceName();
}
