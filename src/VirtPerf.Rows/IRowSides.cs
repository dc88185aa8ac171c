using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Rows;

/// <summary>What a row measures: a number of iterations on one side at a time. The suite measures real SUTs
/// (<see cref="EndpointSides"/>), the calibration bare metal against itself, the simulation replays recorded series.</summary>
public interface IRowSides
{
    /// <summary>Measures <paramref name="count"/> iterations on <paramref name="side"/>, in order; the first call for a
    /// side also warms it up.</summary>
    Task<IReadOnlyList<Iteration>> MeasureAsync(Side side, int count, CancellationToken cancellationToken);
}
