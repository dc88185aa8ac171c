using System.Text;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>
/// The part of OSv's command line the user chooses (<c>VIRTPERF_OSV_COMMAND</c>): OSv's own options, then one or more
/// programs, each ended by <c>&amp;</c> (run in the background), <c>;</c> (wait for it), <c>&amp;!</c> or <c>!</c>,
/// words split at spaces, double quotes keeping a word whole (OSv's core/commands.cc grammar; leading words that
/// begin with <c>-</c> are the loader's options, as its loader_parse_cmdline splits them). What the guest serves
/// follows from its programs: <c>/netserver</c> and <c>/memcached</c>, on their ports.
/// </summary>
public sealed class OSvCommand
{
    private OSvCommand(string text, IReadOnlyList<string> options, IReadOnlyList<OSvProgram> programs)
    {
        Text = text;
        Options = options;
        Programs = programs;
    }

    /// <summary>The command as given.</summary>
    public string Text { get; }

    /// <summary>OSv's own options in front of the programs, e.g. <c>--rootfs=zfs</c>.</summary>
    public IReadOnlyList<string> Options { get; }

    /// <summary>The programs, in order.</summary>
    public IReadOnlyList<OSvProgram> Programs { get; }

    /// <summary>netserver's control port when a program is <c>/netserver</c>, else null.</summary>
    public int? NetserverPort => Programs.Select(p => p.NetserverPort).FirstOrDefault(p => p is not null);

    /// <summary>memcached's TCP port when a program is <c>/memcached</c>, else null.</summary>
    public int? MemcachedPort => Programs.Select(p => p.MemcachedPort).FirstOrDefault(p => p is not null);

    /// <summary>Reads <paramref name="text"/>; throws a <see cref="FormatException"/> saying what is wrong (an open
    /// quote, no program, a port that is not a number).</summary>
    public static OSvCommand Parse(string text)
    {
        var words = new List<string>();
        var programs = new List<List<string>>();
        var separators = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new FormatException($"a double quote at position {i + 1} is never closed.");
                }

                word.Append(text, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (char.IsWhiteSpace(c) || c is ';' or '&' or '!')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                if (c is ';' or '&' or '!')
                {
                    var separator = c == '&' && i + 1 < text.Length && text[i + 1] == '!' ? "&!" : c.ToString();
                    i += separator.Length - 1;
                    End(separator);
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        End("");
        var options = programs.Count > 0 ? programs[0].TakeWhile(w => w.StartsWith('-')).ToList() : [];
        if (programs.Count > 0)
        {
            programs[0].RemoveRange(0, options.Count);
            if (programs[0].Count == 0)
            {
                programs.RemoveAt(0);
                separators.RemoveAt(0);
            }
        }

        if (programs.Count == 0)
        {
            throw new FormatException("it names no program to run.");
        }

        var parsed = programs.Select((p, k) => new OSvProgram(p[0], p.Skip(1).ToList(), separators[k])).ToList();
        _ = parsed.Select(p => (p.NetserverPort, p.MemcachedPort)).ToList(); // a port that is not a number fails here
        return new OSvCommand(text, options, parsed);

        void End(string separator)
        {
            if (words.Count > 0)
            {
                programs.Add([.. words]);
                separators.Add(separator);
                words.Clear();
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
