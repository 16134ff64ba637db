# SPDX-License-Identifier: BSD-2-Clause
"""Linux KVM as L1 (tests/config/linux-kvm.dts): Debian's 6.1 kernel in a partition with
nested = "svm" loads the stock kvm_amd and runs tests/guests/linux/kvmtest.c, our /dev/kvm user.
Its first VM (L2) does port I/O, CPUID, memory writes and HLT; its second is itself a
hypervisor of ours that runs an L3 through Linux KVM's nested SVM; its third triple-faults, which
KVM must report to its user while Bulkhead sees nothing. Then /init crashes the kernel: the
panic resets the partition through its reset register, and the partition's on-fault ("halt")
applies to it alone while the real-time victim on CPU 3 keeps counting."""

import re

import pytest

from harness import BANNER

LINE = r"\[cpu\d\] info: linux: .{0,4}\[ *\d+\.\d+\] "
VICTIM = r"\[cpu3\] info: victim: victim: "
# Boot to the end of kvmtest: measured 60-75 s wall on an idle host.
LINUX_TIMEOUT = 120
VICTIM_TIMEOUT = 30
# kvmtest's checks, in the order it makes them (every exit KVM_RUN returned is one of them).
CHECKS = [
    "api version",
    # L2: the exits its instructions must cause, and what it left in memory.
    "l2 out exit", "l2 out data", "l2 in exit", "l2 hlt exit", "l2 rip after hlt",
    "l2 in value stored", "l2 cpuid vendor", "l2 memory write read back",
    # L2 a hypervisor: L3's CPUID, OUT and HLT reach it through L0 and Linux KVM.
    "kvm offers svm to its guests",
    "l3 cpuid reaches l2", "l3 cpuid exit code", "l3 out reaches l2", "l3 ioio exit code",
    "l3 ioio exitinfo1", "l3 ioio port", "l3 hlt reaches l2", "l3 hlt exit code",
    "l2 halts after l3", "l3 saw l2's cpuid answer",
    # A crash of L2 is L1's business.
    "l2 triple fault is kvm's",
]
FAIL_ON = (r"(?i)kvmtest: .*FAIL|partition victim: (fault|halted)|"
           r"exited \(test-exit, status [1-9]|unchecked MSR access error|insmod .* failed")


@pytest.mark.platforms("qemu-bios")
@pytest.mark.bound(240)
def test_linux_kvm_as_l1(boot, test_iso):
    """Stock kvm_amd runs L2 and L3 in a partition; L1's crash stays in its partition."""
    m = boot(test_iso("linux-kvm"), fail_on=FAIL_ON)
    m.wait_for(BANNER)
    m.wait_for(r"\[cpu0\] info: config: partition linux: APIC IDs 1, 2; nested svm; "
               r"on-fault halt$")
    start = m.elapsed
    m.expect_lines(
        LINE + r"bulkhead-init: cpus online 0-1$",
        LINE + r"kvm: Nested Virtualization enabled$",
        LINE + r"bulkhead-init: kvm_amd nested=1 npt=Y$",
        timeout=LINUX_TIMEOUT)
    for name in CHECKS:
        m.wait_for(LINE + r"kvmtest: %s: ok$" % re.escape(name), timeout=LINUX_TIMEOUT)
    m.expect_lines(LINE + r"kvmtest: 0 failures$",
                   LINE + r"bulkhead-init: kvmtest exit status 0$")
    print("linux-kvm: partition start to kvmtest done in %.1f s wall" % (m.elapsed - start))
    # L2's triple fault was KVM's to report: nothing of it reached Bulkhead's console.
    assert not any(re.search(r"partition linux: (fault|halted)|\] error: ", l)
                   for l in m.lines[:m.cursor])
    # L1 crashes: Linux's emergency restart goes through the BIOS reset vector to the
    # partition's reset register (docs/partition-view.md), and on-fault "halt" applies.
    m.expect_lines(
        LINE + r"bulkhead-init: crashing the kernel$",
        LINE + r"Kernel panic - not syncing: sysrq triggered crash$",
        r"\[cpu\d\] error: partition linux: fault: reset requested through its reset "
        r"register; on-fault \"halt\"",
        r"\[cpu\d\] error: partition linux: halted$",
        timeout=LINUX_TIMEOUT)
    # The victim counted through all of it, and still does (a stall or a broken pattern would
    # have ended it with a failing status).
    m.wait_for(VICTIM + r"tick \d+, count \d+$", timeout=VICTIM_TIMEOUT)
    m.assert_no_line(r"bulkhead-init: still alive after the crash")
    assert sum(1 for l in m.lines if re.search(BANNER, l)) == 1
