using VirtPerf.Rows;
using VirtPerf.Workloads.Measurements;

namespace VirtPerf.Benchmarks;

/// <summary>A recorded gate's iterations served again in the order they were measured: the replay's sides.</summary>
internal sealed class RecordedSides(CalibrationGate gate) : IRowSides
{
    private int _technique;
    private int _bare;

    /// <inheritdoc />
    public Task<IReadOnlyList<Iteration>> MeasureAsync(Side side, int count, CancellationToken cancellationToken)
    {
        var (recorded, taken) = side == Side.Technique ? (gate.Technique, _technique) : (gate.BareMetal, _bare);
        if (taken + count > recorded.Count)
        {
            throw new InvalidOperationException($"The recorded {gate.Scenario} gate has {recorded.Count} iterations per side; {taken + count} were asked for.");
        }

        _ = side == Side.Technique ? _technique += count : _bare += count;
        return Task.FromResult<IReadOnlyList<Iteration>>(recorded.Skip(taken).Take(count).ToList());
    }
}
