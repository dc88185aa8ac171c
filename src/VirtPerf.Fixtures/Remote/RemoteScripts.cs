namespace VirtPerf.Fixtures.Remote;

/// <summary>
/// The POSIX sh scripts the remote SUT host runs: constants, given their inputs as positional arguments (never
/// pasted into the text). Each long-lived process the run starts there writes <c>PID STARTTICKS</c> to
/// <c>$HOME/.cache/virtnetperf/sut/CLIENT/vnp-RUNID-ROLE.pid</c>, so a stop ends exactly that process (the start
/// time in clock ticks, proc(5) field 22, tells a recycled pid apart), also from the next run after a killed one.
/// </summary>
internal static class RemoteScripts
{
    /// <summary>Where the remote host keeps the records, one folder per client machine.</summary>
    public const string StateFolder = "$HOME/.cache/virtnetperf/sut";

    /// <summary>Creates <see cref="StateFolder"/> if needed; fails when it cannot be written.</summary>
    public const string StateWritable = $$"""mkdir -p "{{StateFolder}}" && test -w "{{StateFolder}}" """;

    /// <summary>$1 client, $2 resource name, then the command: records this shell's pid, then becomes the command.</summary>
    public const string Start = $$"""
        set -e
        d="{{StateFolder}}/$1"; n=$2; shift 2
        mkdir -p "$d"
        echo "$$ $(awk '{ sub(/.*\) /, ""); print $20 }' /proc/$$/stat)" > "$d/$n.pid"
        exec "$@"
        """;

    /// <summary>$1 client, then resource names: SIGINT to each recorded process still running, SIGKILL after 5 s;
    /// prints <c>NAME PID</c> for each one ended and removes the records with the process's files (<c>NAME.EXT</c>,
    /// a console log, say).</summary>
    public const string Stop = $$"""
        d="{{StateFolder}}/$1"; shift
        t() { awk '{ sub(/.*\) /, ""); if ($1 != "Z") print $20 }' "/proc/$1/stat" 2>/dev/null; }
        for n in "$@"; do
          f="$d/$n.pid"; [ -f "$f" ] || continue
          read p k < "$f" || true
          if [ -n "$p" ] && [ "$(t "$p")" = "$k" ]; then
            kill -INT "$p" 2>/dev/null || true
            i=0; while [ $i -lt 50 ] && [ "$(t "$p")" = "$k" ]; do sleep 0.1; i=$((i + 1)); done
            if [ "$(t "$p")" = "$k" ]; then kill -KILL "$p" 2>/dev/null || true; fi
            echo "$n $p"
          fi
          rm -f "$d/$n".*
        done
        """;

    /// <summary>$1 client, $2 resource name: the recorded process id, nothing while there is no record yet.</summary>
    public const string ProcessId = $$"""
        f="{{StateFolder}}/$1/$2.pid"
        if [ -f "$f" ]; then read p k < "$f" && echo "$p"; fi
        true
        """;

    /// <summary>The host's home folder, where the state and image folders are.</summary>
    public const string Home = """printf '%s\n' "$HOME" """;

    /// <summary>Where the remote host keeps copies of this machine's guest images, by name and content hash.</summary>
    public const string ImageFolder = "$HOME/.cache/virtnetperf/images";

    /// <summary>$1 file name: prints the cached copy's path when the image cache has it.</summary>
    public const string CachedImage = $$"""
        f="{{ImageFolder}}/$1"
        if [ -f "$f" ]; then echo "$f"; fi
        true
        """;

    /// <summary>$1 file name, the content on standard input: writes it to the image cache under a temporary name, then
    /// renames it (atomic: a reader never sees half a file), and prints the path.</summary>
    public const string CacheImage = $$"""
        set -e
        d="{{ImageFolder}}"; mkdir -p "$d"
        t="$d/.$1.$$.tmp"
        if cat > "$t" && mv -f "$t" "$d/$1"; then echo "$d/$1"; else rm -f "$t"; exit 1; fi
        """;

    /// <summary>$1 client: the resource names of every recorded process.</summary>
    public const string List = $$"""
        d="{{StateFolder}}/$1"
        for f in "$d"/vnp-*.pid; do [ -f "$f" ] && basename "$f" .pid; done
        true
        """;

    /// <summary>The host's facts, one per line: name, kernel, CPUs, uid, CPU model.</summary>
    public const string Facts = """
        uname -n; uname -r; nproc; id -u
        sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1
        """;

    /// <summary>$@ tools: prints each one not on PATH.</summary>
    public const string Missing = """
        for t in "$@"; do command -v "$t" >/dev/null 2>&1 || echo "$t"; done
        """;
}
