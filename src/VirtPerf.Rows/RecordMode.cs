namespace VirtPerf.Rows;

/// <summary>Whether a row stores what it measured as a reference (<c>VIRTPERF_RECORD_BASELINE</c>).</summary>
public enum RecordMode
{
    /// <summary>Judge, never write a reference (the default).</summary>
    Off,

    /// <summary><c>1</c>: every row records, replacing the reference (kept in history), and is not judged: bare metal's
    /// rows their baseline, the others their paired overhead as the accepted one.</summary>
    Replace,

    /// <summary><c>missing</c>: bare-metal rows record a baseline only where this testbed has none; other rows are judged.</summary>
    Missing,
}
