using VirtPerf.Lab;

// A lab on this machine for trying VirtNetPerf's testbeds. Usage (as root):
//   ssh-host [--docker] [--env FILE]   a second SUT host (network namespace + Debian's sshd, with --docker also a
//                                      dockerd of its own) until Ctrl-C; prints, and writes to FILE, the
//                                      VIRTPERF_REMOTE_* exports that point the remote testbed at it
const string usage =
    "Usage: VirtPerf.Lab ssh-host [--docker] [--env FILE]   (as root; e.g. ssh-host --docker --env /tmp/virtnetperf-lab.env, Ctrl-C ends it)";
var docker = args.Contains("--docker");
switch (args.Where(a => a != "--docker").ToArray())
{
    case ["ssh-host"]:
        return await SshHostCommand.RunAsync(envFile: null, docker);
    case ["ssh-host", "--env", var file]:
        return await SshHostCommand.RunAsync(file, docker);
    default:
        Console.Error.WriteLine(usage);
        return 2;
}
