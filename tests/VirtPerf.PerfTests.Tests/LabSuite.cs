using VirtPerf.Rows;
using System.Text;
using System.Text.RegularExpressions;
using CliWrap;
using VirtPerf.Cli;
using VirtPerf.Fixtures.Host;
using VirtPerf.Fixtures.Remote;

namespace VirtPerf.PerfTests.Tests;

/// <summary>
/// The real suite on the two-host testbed: the lab host (a second "host" on this machine with its own network, mount
/// and UTS namespaces, Debian's sshd and a dockerd of its own) and the suite pointed at it, writing into a temporary
/// folder. One per test; disposing it removes the lab host.
/// </summary>
internal sealed class LabSuite : IAsyncDisposable
{
    private readonly string _runId = ResourceNames.NewRunId();

    private LabSuite(string? unavailable) => Unavailable = unavailable;

    /// <summary>Why the lab cannot be built here, or null.</summary>
    public string? Unavailable { get; }

    /// <summary>The lab host, unless <see cref="Unavailable"/>.</summary>
    public NamespaceSshHost Lab { get; private set; } = null!;

    /// <summary>Where the suite writes results and baselines.</summary>
    public string Output { get; } = Directory.CreateTempSubdirectory("vnp-remote-").FullName;

    /// <summary>Builds the lab host, unless <paramref name="missing"/> or this machine says it cannot be.</summary>
    public static async Task<LabSuite> StartAsync(string? missing = null)
    {
        var suite = new LabSuite(
            !Privileges.HasNetAdmin() ? "needs CAP_NET_ADMIN (run as root) to build the lab host" : NamespaceSshHost.Missing() ?? missing);
        if (suite.Unavailable is null)
        {
            HostCleanup.Default.Registry.Register(suite._runId);
            suite.Lab = await NamespaceSshHost.CreateAsync(suite._runId, HostCleanup.Default.Registry, docker: true);
        }

        return suite;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Unavailable is null)
        {
            await Lab.DisposeAsync();
            await HostCleanup.Default.RemoveRunAsync(_runId);
        }

        Directory.Delete(Output, recursive: true);
    }

    /// <summary><c>dotnet test perf-tests --filter FILTER</c> against the lab host with that many 1 s iterations (pairs,
    /// in a judged row) and no more, and the repository's budgets in the suite's baselines folder (judged rows need them).</summary>
    public Command Suite(string filter, string iterations = "2")
    {
        var budgets = Path.Combine(Output, "baselines", "budgets.json");
        if (!File.Exists(budgets))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(budgets)!);
            File.Copy(Path.Combine(RepositoryRoot.Find(), "baselines", "budgets.json"), budgets);
        }

        return CliWrap.Cli.Wrap("dotnet")
            .WithArguments(["test", Path.Combine(RepositoryRoot.Find(), "perf-tests"), "--no-build", "--filter", filter,
                "--logger", "console;verbosity=detailed"])
            .WithEnvironmentVariables(e =>
            {
                foreach (var (name, value) in Lab.Environment)
                {
                    e.Set(name, value);
                }

                e.Set("VIRTPERF_RESULTS_DIR", Path.Combine(Output, "results"))
                    .Set("VIRTPERF_BASELINES_DIR", Path.Combine(Output, "baselines"))
                    .Set("VIRTPERF_RUN_FOLDER", "remote")
                    .Set("VIRTPERF_ITERATIONS", iterations)
                    .Set("VIRTPERF_MAX_ITERATIONS", iterations)
                    .Set("VIRTPERF_ITERATION_SECONDS", "1")
                    .Set("VIRTPERF_WARMUP_SECONDS", "0");
            })
            .WithValidation(CommandResultValidation.None);
    }

    /// <summary>Starts <paramref name="filter"/> with long iterations and waits until <paramref name="technique"/> is
    /// up; returns the suite's run id, the suite and a way to kill it (CliWrap kills the process tree: no handler runs).</summary>
    public async Task<(string RunId, Func<Task> Kill)> StartUntilUpAsync(string filter, string technique, TimeSpan timeout)
    {
        var stop = new CancellationTokenSource();
        var output = new StringBuilder();
        var suite = Suite(filter, iterations: "30").WithStandardOutputPipe(PipeTarget.ToStringBuilder(output)).ExecuteAsync(stop.Token);
        var up = new Regex($@"\[VirtNetPerf ([0-9a-f]{{6}})\] {technique} up: ");
        var deadline = DateTime.UtcNow + timeout;
        while (!up.IsMatch(output.ToString()) && DateTime.UtcNow < deadline && !suite.Task.IsCompleted)
        {
            await Task.Delay(200);
        }

        var runId = up.Match(output.ToString()).Groups[1].Value;
        runId.Should().NotBeEmpty("the suite came up:\n{0}", output);
        return (runId, async () =>
        {
            await stop.CancelAsync();
            await Task.WhenAny(suite.Task, Task.Delay(10_000));
            stop.Dispose();
        });
    }

    /// <summary>A fresh SSH connection to the lab host.</summary>
    public Task<RemoteSutHost> RemoteAsync() => RemoteSutHost.ConnectAsync(Lab.Target);

    /// <summary>What of the project is still on the lab host (its own cable aside): processes, containers, networks,
    /// images, firewall rules, links.</summary>
    public async Task<List<string>> RemoteLeftoversAsync()
    {
        var host = await RemoteAsync();
        IHostResources[] kinds =
        [
            new RemoteProcesses(host), .. DockerResources.Of(DockerCli.On(host, NamespaceSshHost.DockerSocket)), new IptablesRules(host),
            IpResources.LinksOn(host),
        ];
        var left = new List<string>();
        foreach (var kind in kinds)
        {
            left.AddRange((await kind.ListAsync(default)).Where(n => ResourceNames.RunIdOf(n) != _runId).Select(n => $"{kind.Kind} {n}"));
        }

        return left;
    }

    /// <summary>The run ids a suite's output names ("[VirtNetPerf RUNID] ...").</summary>
    public static IEnumerable<string> RunIdsIn(string output) =>
        Regex.Matches(output, @"\[VirtNetPerf ([0-9a-f]{6})\]").Select(m => m.Groups[1].Value).Distinct();

    /// <summary>Namespaces and links still on this machine of <paramref name="runIds"/> (the runs a test started, all
    /// ended), and any route via the lab host. Only those runs: another test class's killed run keeps its leftovers until
    /// some start sweeps them, which may be after this check.</summary>
    public async Task<List<string>> LocalLeftoversAsync(IEnumerable<string> runIds)
    {
        var runs = runIds.ToHashSet();
        var left = new List<string>();
        foreach (var kind in new IHostResources[] { IpResources.Namespaces, IpResources.Links })
        {
            left.AddRange((await kind.ListAsync(default))
                .Where(n => ResourceNames.RunIdOf(n) is { } id && runs.Contains(id))
                .Select(n => $"{kind.Kind} {n}"));
        }

        left.AddRange((await Tool.RunAsync("ip", ["-4", "route", "show"])).StandardOutput
            .Split('\n').Where(r => r.Contains($" via {Lab.Address} ", StringComparison.Ordinal)).Select(r => $"route {r}"));
        return left;
    }
}
