using System.Text;

namespace VirtPerf.Cli;

/// <summary>Keeps the last lines a long-lived process printed, bounded so a chatty process cannot fill memory.</summary>
internal sealed class OutputTail(int maxLines = 200)
{
    private readonly Queue<string> _lines = new();

    public void AppendLine(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > maxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_lines)
        {
            return new StringBuilder().AppendJoin('\n', _lines).ToString();
        }
    }
}
