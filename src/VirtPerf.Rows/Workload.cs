using VirtPerf.Fixtures.Techniques;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>A scenario's driver, bound to the scenario: how to measure an endpoint and the command line it uses.</summary>
/// <param name="MeasureOn">Measures iterations on an endpoint.</param>
/// <param name="CommandLine">The command line one measurement of an endpoint uses, for results and messages.</param>
public sealed record Workload(MeasureOn MeasureOn, Func<SutEndpoint, Profile, string> CommandLine);
