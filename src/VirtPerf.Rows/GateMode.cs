namespace VirtPerf.Rows;

/// <summary>How bare metal is measured for a verdict (<c>VIRTPERF_GATE</c>).</summary>
public enum GateMode
{
    /// <summary>Beside the technique in the same row, alternately, on ports of its own (the default).</summary>
    Paired,

    /// <summary>A bare-metal baseline recorded earlier on this testbed: for testbeds where bare metal cannot run
    /// beside the technique; drift between the two dates is not cancelled.</summary>
    Stored,
}
