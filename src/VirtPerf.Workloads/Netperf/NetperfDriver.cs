using System.Collections.Concurrent;
using System.Globalization;
using VirtPerf.Cli;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Workloads.Netperf;

/// <summary>Runs the real netperf on the client host against a netserver and turns its output into iterations.</summary>
/// <param name="client">Where netperf runs (the testbed's client namespace).</param>
/// <param name="executable">The netperf binary, by name on PATH or by absolute path.</param>
public sealed class NetperfDriver(ClientHost client, string executable = NetperfDriver.DefaultExecutable)
{
    /// <summary>The netperf binary looked up on PATH by default.</summary>
    public const string DefaultExecutable = "netperf";

    /// <summary>How much longer than its requested length one netperf run may take before it is cancelled.</summary>
    public static readonly TimeSpan TimeoutGrace = TimeSpan.FromSeconds(30);

    /// <summary>Transactions per second of a TCP_CRR run's length before the first run on a target has measured its
    /// rate: a TCG guest does about 1,000, bare metal 10,000 or more.</summary>
    public const int FirstConnectRate = 500;

    // TCP_CRR's netserver ends a timed run on its own timer, netperf's length plus a 4 s PAD_TIME (netserver's
    // recv_omni), so a 1 s iteration took 5 s; a run of a number of transactions ends when they are done. So TCP_CRR
    // runs count transactions: as many as the target did in the iteration's length the run before.
    private readonly ConcurrentDictionary<NetperfTarget, double> _connectRates = new();

    /// <summary>Why this driver cannot run here (netperf missing, with the fix), or null.</summary>
    public string? Unavailable => Tool.IsInstalled(executable)
        ? null
        : $"{executable} is not installed: run scripts/setup.sh (it installs netperf from Debian's non-free component).";

    /// <summary>The command line one run of <paramref name="scenario"/> uses, for results and messages.</summary>
    public string CommandLine(Scenario scenario, NetperfTarget target, int seconds)
    {
        var (tool, arguments) = Command(scenario, target, seconds);
        return Cli.CommandLine.Format(tool, arguments);
    }

    /// <summary>For TCP_CRR, the transactions a run of <paramref name="seconds"/> counts on <paramref name="target"/>;
    /// null for the timed scenarios.</summary>
    public int? Transactions(Scenario scenario, NetperfTarget target, int seconds) =>
        scenario != Scenario.TCP_CRR ? null
        : (int)Math.Max(100, Math.Round(seconds * _connectRates.GetValueOrDefault(target, FirstConnectRate)));

    private (string Target, IReadOnlyList<string> Arguments) Command(Scenario scenario, NetperfTarget target, int seconds) =>
        client.Command(executable, NetperfCommand.Arguments(scenario, target, seconds, Transactions(scenario, target, seconds)));

    /// <summary>netperf's version (from <c>netperf -V</c>), e.g. <c>2.7.0</c>.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        var run = await Tool.RunAsync(executable, ["-V"], cancellationToken);
        var words = run.StandardOutput.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 ? words[^1] : throw new ToolException("netperf -V printed no version.", run);
    }

    /// <summary>One netperf run of <paramref name="seconds"/> (TCP_CRR: of the transactions the target did in that long
    /// the run before); errors quote the command line and netperf's output.</summary>
    public async Task<NetperfResult> RunAsync(
        Scenario scenario, NetperfTarget target, int seconds, CancellationToken cancellationToken = default)
    {
        var (tool, arguments) = Command(scenario, target, seconds);
        var commandLine = Cli.CommandLine.Format(tool, arguments);
        if (Unavailable is { } missing)
        {
            throw new ToolException($"{missing}\n  command: {commandLine}");
        }

        var limit = TimeSpan.FromSeconds(seconds) + TimeoutGrace;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        ToolResult run;
        try
        {
            run = await Tool.RunAsync(tool, arguments, timeout.Token, allowFailure: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolException(
                $"netperf did not finish within {limit.TotalSeconds:0} s (a {seconds} s run plus {TimeoutGrace.TotalSeconds:0} s); "
                + $"is the path to {target.Host} dropping packets?\n  command: {commandLine}");
        }

        if (run.ExitCode != 0)
        {
            throw new ToolException(Diagnosis(run, target), run);
        }

        var result = NetperfOutput.Parse(run, scenario, target.RemoteCpu);
        if (scenario == Scenario.TCP_CRR && result.TransactionRate > 0)
        {
            _connectRates[target] = result.TransactionRate;
        }

        return result;
    }

    /// <summary>A warm-up run (discarded), then the profile's iterations; reports each figure as it comes.
    /// <paramref name="sutHostCpu"/>, when given, is read around each iteration for <see cref="Metric.SutHostCpu"/>.</summary>
    public async Task<IReadOnlyList<Iteration>> MeasureAsync(
        Scenario scenario, NetperfTarget target, Profile profile, IProgress<string>? progress = null,
        SutHostCpuCounter? sutHostCpu = null, CancellationToken cancellationToken = default)
    {
        if (profile.WarmUpSeconds > 0)
        {
            progress?.Report($"{scenario}: warm-up {profile.WarmUpSeconds} s");
            await RunAsync(scenario, target, profile.WarmUpSeconds, cancellationToken);
        }

        var iterations = new List<Iteration>();
        for (var index = 0; index < profile.Iterations; index++)
        {
            var started = DateTimeOffset.UtcNow;
            var cpuBefore = sutHostCpu?.Seconds();
            var result = await RunAsync(scenario, target, profile.IterationSeconds, cancellationToken);
            var metrics = new Dictionary<Metric, double>(result.ToMetrics());
            if (cpuBefore is { } before)
            {
                // Over netperf's own elapsed time: its set-up and tear-down (TCP_CRR waits ~4 s after a run) are idle.
                sutHostCpu!.AddTo(metrics, before, result.ElapsedSeconds);
            }

            iterations.Add(new Iteration(index, started, result.ElapsedSeconds, metrics));
            progress?.Report($"{scenario}: iteration {index + 1} of {profile.Iterations}: {Figure(result)}");
        }

        return iterations;
    }

    private static string Figure(NetperfResult result) =>
        result.Latency is { } latency
            ? string.Create(CultureInfo.InvariantCulture,
                $"{result.TransactionRate:N0} trans/s, mean {latency.Mean:0.0} us, p99 {latency.P99:0} us")
            : string.Create(CultureInfo.InvariantCulture, $"{result.Throughput:N1} Mbit/s");

    private static string Diagnosis(ToolResult run, NetperfTarget target)
    {
        var said = run.StandardOutput + run.StandardError;
        if (said.Contains("establish control", StringComparison.Ordinal))
        {
            return $"netserver is not reachable at {target.Host} port {target.ControlPort}: is the SUT up and its netserver running?";
        }

        if (said.Contains("exec of", StringComparison.Ordinal) || said.Contains("Cannot open network namespace", StringComparison.Ordinal))
        {
            return "netperf could not be started in the client network namespace.";
        }

        return "netperf failed.";
    }
}
