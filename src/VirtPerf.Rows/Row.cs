using VirtPerf.Fixtures.Techniques;
using VirtPerf.Workloads;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>What one row works with: its scenario, the settings, the testbed's fingerprint and the workload.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Settings">The settings of the environment, read once for the row.</param>
/// <param name="Testbed">The testbed's fingerprint.</param>
/// <param name="Workload">The scenario's driver.</param>
internal sealed record Row(Scenario Scenario, PerfSettings Settings, TestbedFingerprint Testbed, Workload Workload)
{
    /// <summary>The profile of a row that records a reference: measured once, compared with many times, so it takes
    /// the profile's reference iterations.</summary>
    public Profile Reference => Settings.Profile with
    {
        Name = $"{Settings.Profile.Name}+reference", Iterations = Settings.Profile.ReferenceIterations,
    };

    /// <summary>The measurement of <paramref name="iterations"/> on <paramref name="sut"/> under
    /// <paramref name="technique"/>'s name (or <paramref name="name"/>, for the bare metal beside it).</summary>
    public Measurement Build(
        TechniqueFixture technique, Profile profile, IReadOnlyList<Iteration> iterations, SutEndpoint sut, string? name = null)
    {
        var run = technique.Run;
        return new Measurement
        {
            Technique = name ?? technique.Technique,
            Scenario = Scenario,
            RunId = run.RunId,
            Testbed = Testbed,
            Profile = profile,
            Started = iterations[0].Started,
            Finished = DateTimeOffset.UtcNow,
            Iterations = iterations.Select((iteration, index) => iteration with { Index = index }).ToList(),
            Context = new Dictionary<string, string>(name is null ? technique.Context : new Dictionary<string, string>())
            {
                ["host"] = run.Testbed!.Sut.Facts.HostName,
                ["command"] = Workload.CommandLine(sut, profile),
            },
        };
    }
}
