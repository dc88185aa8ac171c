namespace VirtPerf.Rows;

/// <summary>One of the two things a paired row measures alternately.</summary>
public enum Side
{
    /// <summary>The technique judged (in an A/A calibration, bare metal on its default ports).</summary>
    Technique,

    /// <summary>Bare metal, measured beside it on ports of its own.</summary>
    BareMetal,
}
