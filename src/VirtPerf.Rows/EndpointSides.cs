using VirtPerf.Fixtures.Techniques;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>Measures <paramref name="profile"/>'s iterations on <paramref name="sut"/>: warmed up first when
/// <paramref name="first"/> (memcached's rows also load their keys then), reading the SUT's host CPU with
/// <paramref name="sutHostCpu"/> when given.</summary>
public delegate Task<IReadOnlyList<Iteration>> MeasureOn(
    SutEndpoint sut, Profile profile, bool first, SutHostCpuCounter? sutHostCpu, CancellationToken cancellationToken);

/// <summary>The suite's sides: the technique's SUT and, in a paired row, bare metal's servers beside it, each
/// measured by one workload driver; a side is warmed up (and its keys loaded) on its first iterations only.</summary>
/// <param name="measureOn">The scenario's driver.</param>
/// <param name="profile">Iteration length and warm-up.</param>
/// <param name="technique">The technique's endpoint.</param>
/// <param name="techniqueCpu">The technique's host CPU counter, if it has one.</param>
/// <param name="bare">Bare metal's endpoint beside it; null when only the technique is measured (the stored mode).</param>
/// <param name="bareCpu">Bare metal's host CPU counter (its servers' processes), if it has one.</param>
/// <param name="bareMeasureOn">Bare metal's driver when it is not the technique's (the calibration runs the technique
/// side's load generator under a CPU quota).</param>
public sealed class EndpointSides(
    MeasureOn measureOn, Profile profile, SutEndpoint technique, SutHostCpuCounter? techniqueCpu, SutEndpoint? bare = null,
    SutHostCpuCounter? bareCpu = null, MeasureOn? bareMeasureOn = null)
    : IRowSides
{
    private readonly HashSet<Side> _warm = [];

    /// <inheritdoc />
    public Task<IReadOnlyList<Iteration>> MeasureAsync(Side side, int count, CancellationToken cancellationToken)
    {
        var first = _warm.Add(side);
        var batch = profile with { Iterations = count, WarmUpSeconds = first ? profile.WarmUpSeconds : 0 };
        return side == Side.Technique
            ? measureOn(technique, batch, first, techniqueCpu, cancellationToken)
            : (bareMeasureOn ?? measureOn)(bare ?? throw new InvalidOperationException("This row measures no bare metal beside the technique."), batch, first, bareCpu, cancellationToken);
    }
}
