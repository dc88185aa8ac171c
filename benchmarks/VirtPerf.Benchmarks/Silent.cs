using Xunit.Abstractions;

namespace VirtPerf.Benchmarks;

/// <summary>Discards the fixtures' diagnostic messages: the benchmarks print their own table.</summary>
internal sealed class Silent : IMessageSink
{
    public bool OnMessage(IMessageSinkMessage message) => true;
}
