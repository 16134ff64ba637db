# SPDX-License-Identifier: BSD-2-Clause
"""The L1 test hypervisor (tests/guests/l1/) booted by GRUB straight on QEMU TCG `-cpu max`, with
no Bulkhead underneath: QEMU's own SVM (NPT, vGIF) runs its L2 test set. This differential run
proves the guest's expectations right before they are held against Bulkhead's nested SVM
(test_nested_l1.py). QEMU departs from the APM in two places the guest accepts with a note: it
stores VMEXIT_INVALID as 32-bit 0xffffffff, and reports a reserved-bit nested page fault with
RSVD but without P. Under Bulkhead no note may appear."""

import os
import re

import pytest

import harness

# Every test of the guest, in its order (tests/guests/l1/main.c, cc.c, then the last one).
L1_TESTS = (
    "svm-cpuid", "svm-enable", "l2-run",
    "cpuid-intercepted", "cpuid-passthrough", "hlt-intercepted",
    "io-out-intercepted", "io-in-intercepted", "io-open",
    "msr-read-intercepted", "msr-write-intercepted", "msr-ranges", "msr-open",
    "pf-intercepted", "pf-l2-handler",
    "inject-ud", "inject-gp", "inject-intr", "inject-nmi",
    "vmload-vmsave", "vmload-vmsave-l2",
    "gif", "clgi-intercepted", "vgif",
    "intr-exit-vintr-masking", "intr-masked-by-l2", "virtual-intr", "nmi-exit",
    "npt-run", "npf-not-present", "npf-write-ro", "npf-walk", "npf-reserved",
    "pf-intercepted-npt",
)
CC_TESTS = tuple("cc-" + c for c in (
    "efer-svme", "cr0-cd-nw", "cr0-high", "cr3-mbz", "cr4-mbz-high", "cr4-mbz-low",
    "dr6-high", "dr7-high", "efer-mbz", "lme-pg-no-pae", "lme-pg-no-pe", "cs-l-d",
    "vmrun-intercept", "asid-zero", "iopm-beyond", "msrpm-beyond", "eventinj-type",
    "eventinj-nmi-exception", "valid-after",
))
# Last, as it leans on L1's watchdog interrupt should L2's HLT never wake.
ALL_TESTS = L1_TESTS + CC_TESTS + ("hlt-passthrough",)
DONE = r"l1: done: (\d+) ok, (\d+) failed$"
PLATFORM = "qemu-bios"


class L1Run:
    """One boot of an L1 ISO, shared by a module's tests: its lines and how it ended."""

    def __init__(self, request, iso, logname, cpus, end_regex=None, fail_on=None):
        """end_regex: the line that ends the run after the guest's summary; None: the
        emulator ends by itself (isa-debug-exit)."""
        wanted = request.config.getoption("--platforms").split(",")
        if PLATFORM not in [w.strip() for w in wanted]:
            pytest.skip("runs on %s only" % PLATFORM)
        path = os.path.join(request.config.getoption("--iso-dir"), iso + ".iso")
        if not os.path.isfile(path):
            pytest.fail("%s missing: build it with `make test-boot` (tests/guests/l1/l1.mk)" % path)
        logdir = os.path.join(request.config.getoption("--log-dir"), logname)
        self.error = None
        self.end = None  # the match of end_regex
        self.machine = harness.Machine(PLATFORM, path, logdir, cpus=cpus, bound=90,
                                       fail_on=fail_on)
        with self.machine as m:
            try:
                m.wait_for(DONE, timeout=60)
                if end_regex:
                    self.end = m.wait_for(end_regex, timeout=20)
                else:
                    m.wait_exit(20)
            except harness.BootError as e:
                self.error = str(e)
        self.lines = self.machine.lines

    def result(self, name):
        """Fails unless the guest printed 'l1: <name> ok'; shows what it printed instead."""
        ok = re.compile(r"l1: %s ok$" % re.escape(name))
        if any(ok.search(l) for l in self.lines):
            return
        said = [l for l in self.lines if re.search(r"l1: %s[ :]" % re.escape(name), l)]
        pytest.fail("no 'l1: %s ok'; the guest said:\n  %s%s" % (
            name, "\n  ".join(said) or "(nothing)",
            "\nboot: " + self.error if self.error else ""))


@pytest.fixture(scope="module")
def native(request):
    return L1Run(request, "l1-native", "test_l1_native", cpus=1)


@pytest.mark.bound(120)
@pytest.mark.parametrize("name", ALL_TESTS)
def test_l1_native(native, name):
    native.result(name)


@pytest.mark.bound(120)
def test_l1_native_exit(native):
    """All passed, and the guest ended QEMU through isa-debug-exit with status 0."""
    assert native.error is None, native.error
    m = native.machine
    done = [l for l in native.lines if re.search(DONE, l)]
    assert done and re.search(r"l1: done: %d ok, 0 failed$" % len(ALL_TESTS), done[-1]), done
    assert m.exited and m.returncode == 1, m.exit_reason()  # (0 << 1) | 1
