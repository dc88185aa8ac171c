namespace VirtPerf.Assertions.Statistics;

/// <summary>How a <see cref="SerialSample"/> credits serial correlation.</summary>
public enum SerialCorrection
{
    /// <summary>The lag-1 estimate plus its bias under independence (1/n), from 16 figures on: what the gate uses.</summary>
    Default,

    /// <summary>None: the figures are taken as independent.</summary>
    None,

    /// <summary>The lag-1 estimate with its full first-order bias correction, (r n + 1) / (n - 4), from 6 figures on.</summary>
    FullBias,
}
