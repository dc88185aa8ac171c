using System.Globalization;
using System.Text.Json;
using VirtPerf.Cli;
using VirtPerf.Workloads.Measurements;
using static System.FormattableString;

namespace VirtPerf.Workloads.Memcached;

/// <summary>
/// Runs the load generator's entry point (VirtPerf.Mutilate) on the client host against a memcached and turns its
/// JSON lines into iterations, as <see cref="Netperf.NetperfDriver"/> does for netperf. One process per scenario:
/// the load phase, the warm-up and every iteration share its connections, as in one Mutilate run.
/// </summary>
/// <param name="client">Where the generator runs (the testbed's client namespace).</param>
/// <param name="generator">The generator's assembly; by default VirtPerf.Mutilate.dll beside this one.</param>
public sealed class MemcachedDriver(ClientHost client, string? generator = null)
{
    /// <summary>How much longer than its iterations a run may take (connect, load phase, start-up) before it is cancelled.</summary>
    public static readonly TimeSpan TimeoutGrace = TimeSpan.FromSeconds(60);

    private readonly string _generator = generator ?? Path.Combine(AppContext.BaseDirectory, "VirtPerf.Mutilate.dll");

    /// <summary>Why this driver cannot run here (the generator or the dotnet host missing, with the fix), or null.</summary>
    public string? Unavailable =>
        !File.Exists(_generator) ? $"the load generator {_generator} is missing: build the solution (dotnet build VirtNetPerf.sln)."
        : DotnetHost is null ? "the dotnet host is not on PATH (nor in DOTNET_HOST_PATH): install the .NET SDK."
        : null;

    private static string? DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : Tool.Locate("dotnet");

    /// <summary>The study's Mutilate settings for <paramref name="scenario"/> (thesis Table 6): 1 connection, no
    /// pipelining, closed loop, fb_key and fb_value, 10000 records; updates run without a load phase.</summary>
    public static (LoadOptions Options, bool LoadPhase) Settings(Scenario scenario, string server, int port) => scenario switch
    {
        Scenario.MemcachedUpdate => (new LoadOptions { Server = server, Port = port, UpdateRatio = 1.0 }, false),
        Scenario.MemcachedRead => (new LoadOptions { Server = server, Port = port, UpdateRatio = 0.0 }, true),
        Scenario.MemcachedMixed => (new LoadOptions { Server = server, Port = port, UpdateRatio = 0.03 }, true),
        _ => throw new ArgumentException($"{scenario} is not a memcached scenario.", nameof(scenario)),
    };

    /// <summary>The command line a measurement of <paramref name="scenario"/> uses, for results and messages.</summary>
    public string CommandLine(Scenario scenario, string server, int port, Profile profile)
    {
        var (tool, arguments) = Command(scenario, server, port, profile, loadKeys: true);
        return Cli.CommandLine.Format(tool, arguments);
    }

    /// <summary>The load phase (Read, Mixed; unless <paramref name="loadKeys"/> is false because an earlier run of
    /// this row loaded them), a warm-up (discarded), then the profile's iterations; reports each figure as it comes.
    /// <paramref name="sutHostCpu"/>, when given, is read around each iteration for <see cref="Metric.SutHostCpu"/>.</summary>
    public async Task<IReadOnlyList<Iteration>> MeasureAsync(
        Scenario scenario, string server, int port, Profile profile, IProgress<string>? progress = null,
        SutHostCpuCounter? sutHostCpu = null, bool loadKeys = true, CancellationToken cancellationToken = default)
    {
        var (tool, arguments) = Command(scenario, server, port, profile, loadKeys);
        var commandLine = Cli.CommandLine.Format(tool, arguments);
        if (Unavailable is { } missing)
        {
            throw new ToolException($"{missing}\n  command: {commandLine}");
        }

        var iterations = new List<Iteration>();
        var (started, cpuBefore) = (DateTimeOffset.UtcNow, (double?)null);
        void OnLine(string line)
        {
            var e = LoadEvent.Parse(line);
            switch (e.Kind)
            {
                case LoadEventKind.Loaded:
                    progress?.Report(Invariant($"{scenario}: loaded {e.Result!.Sets:N0} keys in {e.Result.Seconds:0.00} s"));
                    break;
                case LoadEventKind.WarmedUp:
                    progress?.Report($"{scenario}: warm-up {profile.WarmUpSeconds} s done");
                    break;
                case LoadEventKind.Started:
                    (started, cpuBefore) = (DateTimeOffset.UtcNow, sutHostCpu?.Seconds());
                    break;
                case LoadEventKind.Measured:
                    var result = e.Result!;
                    var metrics = new Dictionary<Metric, double>(result.ToMetrics());
                    if (cpuBefore is { } before)
                    {
                        sutHostCpu!.AddTo(metrics, before, result.Seconds);
                    }

                    iterations.Add(result.ToIteration(iterations.Count, started, metrics));
                    progress?.Report(Invariant(
                        $"{scenario}: iteration {iterations.Count} of {profile.Iterations}: {result.Qps:N0} requests/s, p50 {result.Latency?.P50:0.0} us, p99 {result.Latency?.P99:0} us, misses {result.Misses}"));
                    break;
            }
        }

        var limit = TimeSpan.FromSeconds(profile.WarmUpSeconds + (profile.Iterations * profile.IterationSeconds)) + TimeoutGrace;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        ToolResult run;
        try
        {
            run = await Tool.RunAsync(tool, arguments, timeout.Token, allowFailure: true, onOutputLine: OnLine);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolException(
                $"the memcached load did not finish within {limit.TotalSeconds:0} s; is the path to {server} dropping packets?\n  command: {commandLine}");
        }
        catch (JsonException e)
        {
            throw new ToolException($"the load generator printed a line that is not one of its events: {e.Message}\n  command: {commandLine}");
        }

        if (run.ExitCode != 0 || iterations.Count != profile.Iterations)
        {
            throw new ToolException($"the memcached load failed after {iterations.Count} of {profile.Iterations} iterations.", run);
        }

        return iterations;
    }

    private (string Tool, IReadOnlyList<string> Arguments) Command(Scenario scenario, string server, int port, Profile profile, bool loadKeys)
    {
        var (options, loadPhase) = Settings(scenario, server, port);
        var plan = new LoadPlan(profile.IterationSeconds, profile.WarmUpSeconds, profile.Iterations, loadPhase && loadKeys, Measure: true, Json: true);
        return client.Command(DotnetHost ?? "dotnet", [_generator, .. LoadCommandLine.Arguments(options, plan)]);
    }
}
