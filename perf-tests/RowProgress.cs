using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.PerfTests;

/// <summary>Progress of a long row: live in the runner's diagnostic output, and kept in the row's own output.</summary>
internal sealed class RowProgress(TestbedFixture run, ITestOutputHelper output, string technique) : IProgress<string>
{
    public void Report(string value)
    {
        run.Log($"{technique} {value}");
        output.WriteLine(value);
    }
}
