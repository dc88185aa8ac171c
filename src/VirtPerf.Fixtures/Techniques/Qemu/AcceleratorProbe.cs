using VirtPerf.Fixtures.Testbeds;

namespace VirtPerf.Fixtures.Techniques.Qemu;

/// <summary>The guest an accelerator probe boots under KVM: the technique's own, so that starting a technique builds
/// nothing another one needs (an OSv technique never builds the Linux guest's initramfs), and so that the answer is
/// that guest's (on a PVM-based host /dev/kvm exists but a standard Linux kernel hangs under it).</summary>
/// <param name="Guest">Which guest, e.g. <c>linux</c> or <c>osv</c>: the answer is remembered per guest.</param>
/// <param name="ReadyMarker">What the guest prints on its serial console once it has booted.</param>
/// <param name="BootOn">What it boots, with its files as the SUT host finds them; called only when a probe runs.</param>
public sealed record AcceleratorProbe(string Guest, string ReadyMarker, Func<SutHost, CancellationToken, Task<GuestBoot>> BootOn);
