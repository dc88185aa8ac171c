using VirtPerf.PerfTests.Techniques;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace VirtPerf.PerfTests.Tests;

/// <summary>Discovers the perf suite's rows the way the test runner does, with xUnit's own discoverer.</summary>
internal static class DiscoveredRows
{
    public static IReadOnlyList<ITestCase> All()
    {
        var assembly = new ReflectionAssemblyInfo(typeof(BareMetal).Assembly);
        using var discoverer = new XunitTestFrameworkDiscoverer(assembly, new NoSourceInformation(), new Sink());
        using var sink = new Sink();
        discoverer.Find(includeSourceInformation: false, sink, new DefaultOptions());
        sink.Finished.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue("discovery should finish");
        return sink.TestCases;
    }

    /// <summary>The rows a VSTest filter of trait equalities joined by '&amp;' selects, as in --filter "A=x&amp;B=y".</summary>
    public static IReadOnlyList<ITestCase> Matching(params (string Trait, string Value)[] filter) =>
        All().Where(row => filter.All(f => row.Traits.TryGetValue(f.Trait, out var values) && values.Contains(f.Value))).ToList();

    private sealed class Sink : LongLivedMarshalByRefObject, IMessageSink, IDisposable
    {
        public List<ITestCase> TestCases { get; } = [];

        public ManualResetEventSlim Finished { get; } = new();

        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage discovered)
            {
                TestCases.Add(discovered.TestCase);
            }

            if (message is IDiscoveryCompleteMessage)
            {
                Finished.Set();
            }

            return true;
        }

        public void Dispose() => Finished.Dispose();
    }

    private sealed class NoSourceInformation : LongLivedMarshalByRefObject, ISourceInformationProvider
    {
        public ISourceInformation GetSourceInformation(ITestCase testCase) => new SourceInformation();

        public void Dispose()
        {
        }
    }

    /// <summary>No options set: every option takes xUnit's default, as under dotnet test.</summary>
    private sealed class DefaultOptions : LongLivedMarshalByRefObject, ITestFrameworkDiscoveryOptions
    {
        public TValue GetValue<TValue>(string name) => default!;

        public void SetValue<TValue>(string name, TValue value)
        {
        }
    }
}
