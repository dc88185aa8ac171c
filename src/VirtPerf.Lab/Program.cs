using VirtPerf.Lab;

// A lab on this machine for trying VirtNetPerf's testbeds. Usage (as root):
//   ssh-host [--env FILE]   a second SUT host (network namespace + Debian's sshd) until Ctrl-C; prints, and writes to
//                           FILE, the VIRTPERF_REMOTE_* exports that point the remote testbed at it
const string usage = "Usage: VirtPerf.Lab ssh-host [--env FILE]   (as root; e.g. ssh-host --env /tmp/virtnetperf-lab.env, Ctrl-C ends it)";
switch (args)
{
    case ["ssh-host"]:
        return await SshHostCommand.RunAsync(envFile: null);
    case ["ssh-host", "--env", var file]:
        return await SshHostCommand.RunAsync(file);
    default:
        Console.Error.WriteLine(usage);
        return 2;
}
