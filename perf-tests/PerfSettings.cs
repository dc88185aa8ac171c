using System.Globalization;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.PerfTests;

/// <summary>The suite's settings, all from environment variables (README lists them), read once per row.</summary>
/// <param name="Profile">Warm-up, iterations and their length.</param>
/// <param name="ResultsDirectory">Where run folders are written.</param>
/// <param name="BaselinesDirectory">Where baselines are read and recorded.</param>
/// <param name="RecordBaseline">True when BareMetal rows store their measurement as the new baseline.</param>
public sealed record PerfSettings(Profile Profile, string ResultsDirectory, string BaselinesDirectory, bool RecordBaseline)
{
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
        };
        if (tuned != profile)
        {
            tuned = tuned with { Name = $"{profile.Name}+custom" };
        }

        var record = Read("VIRTPERF_RECORD_BASELINE");
        if (record is not (null or "0" or "1"))
        {
            throw new ArgumentException($"VIRTPERF_RECORD_BASELINE='{record}' must be 1 (record) or 0 (do not).");
        }

        var root = RepositoryRoot.Find();
        return new PerfSettings(
            tuned,
            Read("VIRTPERF_RESULTS_DIR") ?? Path.Combine(root, "results"),
            Read("VIRTPERF_BASELINES_DIR") ?? Path.Combine(root, "baselines"),
            record == "1");
    }
}
