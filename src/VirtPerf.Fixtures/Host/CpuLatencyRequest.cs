namespace VirtPerf.Fixtures.Host;

/// <summary>
/// A PM QoS CPU latency request of 0 us held for a run (the kernel's /dev/cpu_dma_latency, as tuned's
/// latency-performance profile does): idle CPUs poll instead of halting, so a wake-up does not wait for the CPU to
/// leave an idle state. On these virtual machines a halted CPU's wake-up costs ~45 us: bare metal's loopback TCP_RR p50
/// was 100 us on an idle machine and 10-14 us on a busy one or under this request, and every overhead in percent moved
/// with it, so runs at different times disagreed. The kernel drops the request when the file closes, also when the
/// process is killed: nothing is left behind.
/// </summary>
public sealed class CpuLatencyRequest : IDisposable
{
    /// <summary>The kernel's PM QoS CPU latency device.</summary>
    public const string Device = "/dev/cpu_dma_latency";

    private readonly FileStream _device;

    private CpuLatencyRequest(FileStream device) => _device = device;

    /// <summary>Holds a 0 us request, or returns null with the reason when this host has no such device or denies it
    /// (the run then measures at the host's own idle states and says so).</summary>
    public static CpuLatencyRequest? Hold(out string outcome)
    {
        try
        {
            var device = new FileStream(Device, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            device.Write(BitConverter.GetBytes(0));
            outcome = $"CPU wake-up latency held at 0 us for the run ({Device}): idle CPUs poll instead of halting";
            return new CpuLatencyRequest(device);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            outcome = $"CPU idle states left as they are: {Device} could not be held ({e.Message}); latency on an idle host includes its wake-ups";
            return null;
        }
    }

    /// <summary>Ends the request.</summary>
    public void Dispose() => _device.Dispose();
}
