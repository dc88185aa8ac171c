using VirtPerf.Workloads.Memcached;

namespace VirtPerf.Workloads.Tests.Memcached;

/// <summary>The entry point's tables: a search's or sweep's points as Mutilate's <c>--scan</c> rows, a capacity as
/// Mutilate's search output.</summary>
public sealed class LoadTableTests
{
    private static readonly LatencySummary Latency = new(5000, 10, 11, 12, 13, 20, 40, 50, 90, 120, 150, 25.5, 8);

    private static readonly LoadResult Point = new(2, 9000, 1000, 0, 0, 50_000, 400_000, 0.5, Latency, Latency, null, Latency with { P99 = 95 });

    [Fact]
    public void Points_are_rows_under_mutilates_scan_header_once_per_search_or_sweep()
    {
        var table = new LoadTable(new LoadPlan(Scan: new ScanRange(1000, 2000, 1000)));

        var lines = new[]
        {
            table.Format(new LoadEvent(LoadEventKind.Probe, 0, Point, TargetQps: 1000)),
            table.Format(new LoadEvent(LoadEventKind.Probe, 0, Point with { LatencyFromIntended = null }, TargetQps: 2000)),
            table.Format(new LoadEvent(LoadEventKind.Started, 1)),
            table.Format(new LoadEvent(LoadEventKind.Probe, 1, Point, TargetQps: 1000)),
        };

        lines[0].Should().Be(
            "#type             avg      min      1st      5th     10th     90th     95th     99th      QPS   target\n"
            + "all-intended     25.5     10.0     11.0     12.0     13.0     40.0     50.0     95.0   5000.0     1000");
        lines[1].Should().Be("all              25.5     10.0     11.0     12.0     13.0     40.0     50.0     90.0   5000.0     2000");
        lines[3].Should().StartWith("#type ", "a new sweep gets its header again");
    }

    [Fact]
    public void A_capacity_reads_as_mutilates_search_output_with_the_table_at_it()
    {
        var table = new LoadTable(new LoadPlan(Search: new SearchTarget(99, 500)));

        var found = table.Format(new LoadEvent(LoadEventKind.Capacity, 0, Point, TargetQps: 4800, PeakQps: 61234.56));
        var none = table.Format(new LoadEvent(LoadEventKind.Capacity, 0, null, TargetQps: 0, PeakQps: 61234.56));

        found.Should().StartWith("\ncapacity at p99 <= 500 us: 4800.0 requests/s offered\n#type ")
            .And.Contain("\nTotal QPS = 5000.0 (10,000 / 2.00 s)\nPeak QPS  = 61234.6\nMisses = 0");
        none.Should().Be("\nno rate tried kept p99 <= 500 us\nPeak QPS  = 61234.6");
    }
}
