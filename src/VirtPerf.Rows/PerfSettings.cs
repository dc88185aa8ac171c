using System.Globalization;
using VirtPerf.Workloads.Measurements;
using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Rows;

/// <summary>The suite's settings, all from environment variables (README lists them), read once per row.</summary>
/// <param name="Profile">Warm-up, iterations and their length.</param>
/// <param name="ResultsDirectory">Where run folders are written.</param>
/// <param name="BaselinesDirectory">Where baselines are read and recorded.</param>
/// <param name="Record">Whether rows store their measurement as the new reference: bare metal's as the baseline,
/// the other techniques' as their last accepted measurement (the regression gate's reference).</param>
/// <param name="BaselineFrom">A fingerprint id whose baselines are used knowingly when this testbed has none.</param>
/// <param name="RunFolder">The results folder's name when set (<c>VIRTPERF_RUN_FOLDER</c>), else one per run.</param>
/// <param name="Gate">How bare metal is measured for a verdict (<c>VIRTPERF_GATE</c>): beside the technique in the
/// same row (paired, the default), or read from a stored baseline.</param>
/// <param name="CapacitySlo">The latency SLO of the capacity scenarios (<c>VIRTPERF_CAPACITY_SLO</c>, Mutilate's
/// <c>N:X</c>: the Nth percentile under X us); when unset, <see cref="MemcachedDriver.SloMultiple"/> times bare metal's p99 at a light load.</param>
public sealed record PerfSettings(
    Profile Profile, string ResultsDirectory, string BaselinesDirectory, RecordMode Record, string? BaselineFrom = null,
    string? RunFolder = null, GateMode Gate = GateMode.Paired, SearchTarget? CapacitySlo = null)
{
    /// <summary>The budget file, <c>budgets.json</c> in the baselines directory.</summary>
    public string BudgetsFile => Path.Combine(BaselinesDirectory, VirtPerf.Assertions.Budgets.OverheadBudgets.FileName);

    /// <summary>Stops a row before it measures anything when the results directory (or, when recording, the
    /// baselines directory) cannot be written: the error names the variable, the directory, why and the fix.</summary>
    public void CheckWritable()
    {
        Writable("VIRTPERF_RESULTS_DIR", ResultsDirectory);
        if (Record != RecordMode.Off)
        {
            Writable("VIRTPERF_BASELINES_DIR", BaselinesDirectory);
        }
    }

    private static void Writable(string variable, string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".virtnetperf-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException(
                $"{variable}={directory} cannot be written ({e.Message}); nothing was measured. Point {variable} to a directory you can write (README, \"Settings\").", e);
        }
    }

    /// <summary>Reads the settings; an invalid value throws an error naming the variable and what it accepts.</summary>
    public static PerfSettings FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? Read(string name) => environment(name) is { Length: > 0 } value ? value.Trim() : null;

        var profileName = Read("VIRTPERF_PROFILE") ?? Profile.Quick.Name;
        var profile = Profile.Named.FirstOrDefault(p => p.Name == profileName)
            ?? throw new ArgumentException(
                $"VIRTPERF_PROFILE='{profileName}' is not a profile; use one of: {string.Join(", ", Profile.Named.Select(p => p.Name))}.");

        int? Number(string name, int minimum)
        {
            if (Read(name) is not { } text)
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum
                ? n
                : throw new ArgumentException($"{name}='{text}' is not a whole number of at least {minimum}.");
        }

        var tuned = profile with
        {
            Iterations = Number("VIRTPERF_ITERATIONS", 1) ?? profile.Iterations,
            IterationSeconds = Number("VIRTPERF_ITERATION_SECONDS", 1) ?? profile.IterationSeconds,
            WarmUpSeconds = Number("VIRTPERF_WARMUP_SECONDS", 0) ?? profile.WarmUpSeconds,
            MaxIterations = Number("VIRTPERF_MAX_ITERATIONS", 1) ?? profile.MaxIterations,
            ReferenceIterations = Number("VIRTPERF_REFERENCE_ITERATIONS", 2) ?? profile.ReferenceIterations,
        };
        if (tuned != profile)
        {
            tuned = tuned with { Name = $"{profile.Name}+custom" };
        }

        var record = Read("VIRTPERF_RECORD_BASELINE") switch
        {
            null or "0" => RecordMode.Off,
            "1" => RecordMode.Replace,
            "missing" => RecordMode.Missing,
            var other => throw new ArgumentException(
                $"VIRTPERF_RECORD_BASELINE='{other}' must be 1 (record, replacing), missing (record bare-metal baselines this testbed lacks) or 0 (do not)."),
        };

        var root = RepositoryRoot.Find();
        return new PerfSettings(
            tuned,
            Read("VIRTPERF_RESULTS_DIR") ?? Path.Combine(root, "results"),
            Read("VIRTPERF_BASELINES_DIR") ?? Path.Combine(root, "baselines"),
            record,
            Read("VIRTPERF_BASELINE_FROM") is { } from && !System.Text.RegularExpressions.Regex.IsMatch(from, "^[0-9a-f]{12}$")
                ? throw new ArgumentException(
                    $"VIRTPERF_BASELINE_FROM='{from}' is not a testbed fingerprint id (12 hex digits, a folder name under baselines/).")
                : Read("VIRTPERF_BASELINE_FROM"),
            Read("VIRTPERF_RUN_FOLDER") is { } folder && (folder.Contains('/', StringComparison.Ordinal) || folder is "." or ".." or "latest")
                ? throw new ArgumentException($"VIRTPERF_RUN_FOLDER='{folder}' must be a plain folder name under the results directory.")
                : Read("VIRTPERF_RUN_FOLDER"),
            Read("VIRTPERF_GATE") switch
            {
                null or "paired" => GateMode.Paired,
                "stored" => GateMode.Stored,
                var other => throw new ArgumentException(
                    $"VIRTPERF_GATE='{other}' must be paired (bare metal measured beside the technique in each row, the default) "
                    + "or stored (the recorded bare-metal baseline, for testbeds where bare metal cannot run beside the technique)."),
            },
            Read("VIRTPERF_CAPACITY_SLO") is { } slo
                ? SearchTarget.TryParse(slo) ?? throw new ArgumentException(
                    $"VIRTPERF_CAPACITY_SLO='{slo}' is not N:X (the Nth percentile, 0 < N < 100, under X microseconds), e.g. 99:1000.")
                : null);
    }
}
