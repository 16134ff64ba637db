# SPDX-License-Identifier: BSD-2-Clause
"""The L1 VMX test hypervisor (tests/guests/l1vmx/) booted by GRUB straight on Bochs
`corei7_skylake_x`, with no Bulkhead underneath: Bochs' own VMX (EPT, VPID, unrestricted guest,
VMCS shadowing) runs its VM-instruction, L2-exit, EPT and VM-entry-check tests. This differential
run proves the guest's expectations right before they are held against Bulkhead's nested VMX
(issue #8). One boot serves every test of the module; the guest ends Bochs by writing
"Shutdown" to port 0x8900 after printing its exit status."""

import os
import re

import pytest

import harness

# Every test of the guest, in its order (caps.c, insn.c, exits.c, intr.c, shadow.c, ept.c,
# checks.c, hostile.c: suite.c).
ALL_TESTS = (
    "vmx-caps",
    "vmxon-in-root", "vmclear-bad-address", "vmptrld-bad-address", "vmxon-pointer",
    "vmptrld-revision", "field-unsupported", "vmwrite-read-only", "vmptrst", "no-current-vmcs",
    "vmlaunch-launched", "vmresume-clear", "vmlaunch-mov-ss", "invept-type", "invvpid-type",
    "l2-run", "cpuid-exit", "hlt-exiting", "hlt-not-exiting", "io-unconditional", "io-bitmaps",
    "msr-read-bitmap", "msr-write-bitmap", "exception-ud", "pf-mask-match",
    "inject-ud", "inject-gp", "inject-intr",
    "intr-exit", "intr-exit-ack", "nmi-exit", "inject-nmi",
    "vmcs-shadowing",
    "ept-run", "ept-not-present", "ept-write-read-only",
    "entry-control-cr3-targets", "entry-host-tr", "entry-host-cr4-pae",
    "entry-guest-rflags", "entry-guest-tr-unusable", "entry-guest-link-pointer",
) + (
    "hostile-vmxon-outside", "hostile-vmptrld-outside", "hostile-io-bitmap-a-outside",
    "hostile-io-bitmap-b-outside", "hostile-msr-bitmap-outside",
    "hostile-entry-msr-load-outside", "hostile-exit-msr-store-outside",
    "hostile-exit-msr-load-outside",
    "hostile-ctl-posted-intr",
    "hostile-ctl-apic-access", "hostile-ctl-virt-intr-delivery",
    "hostile-host-cr0", "hostile-host-cr4-vmxe", "hostile-host-rip", "hostile-host-fs-base",
    "hostile-host-sel-rpl", "hostile-host-sel-ti",
    "hostile-ept-root-outside", "hostile-ept-table-outside",
    "hostile-msr-load-fs-base", "hostile-msr-load-x2apic", "hostile-msr-load-tsc",
    "msr-load-sysenter",
)
DONE = r"l1vmx: done: (\d+) ok, (\d+) failed$"
EXIT = r"l1vmx: exit status (\d+)$"
PLATFORM = "bochs-vmx"
# Where Bochs departs from the SDM the guest says so in a note: none is known, so any is reported.
NOTE = re.compile(r"l1vmx: (\S+): note: (.*)$")
# Tests of a hostile L1 that need a partition bound (an address below MAXPHYADDR outside the
# partition's memory, an MSR only the partition may not write): natively they pass with a note.
PARTITION_BOUND_TESTS = (
    "hostile-vmxon-outside", "hostile-vmptrld-outside", "hostile-io-bitmap-a-outside",
    "hostile-io-bitmap-b-outside", "hostile-msr-bitmap-outside",
    "hostile-entry-msr-load-outside", "hostile-exit-msr-store-outside",
    "hostile-exit-msr-load-outside", "hostile-ept-root-outside", "hostile-ept-table-outside",
    "hostile-msr-load-tsc",
)
# Controls a hostile L1 sets although they are not offered: where the CPU offers one, the test
# says so in a note and passes.
OFFERED_CONTROL_TESTS = (
    "hostile-ctl-posted-intr",
    "hostile-ctl-apic-access", "hostile-ctl-virt-intr-delivery",
)
# Notes that describe what the CPU offers or lacks, not a departure from the SDM.
CAPABILITY_NOTES = ("vmwrite-read-only",) + PARTITION_BOUND_TESTS + OFFERED_CONTROL_TESTS


class L1VmxRun:
    """One boot of an L1 VMX ISO, shared by a module's tests: its lines and how it ended."""

    def __init__(self, request, iso, logname, cpus=1, end_regex=None, fail_on=None, bound=150):
        """end_regex: the line that ends the run after the guest's summary (a Bulkhead
        partition's test-exit); None: natively, the guest's exit status and its shutdown."""
        wanted = [w.strip() for w in request.config.getoption("--platforms").split(",")]
        if PLATFORM not in wanted:
            pytest.skip("runs on %s only" % PLATFORM)
        path = os.path.join(request.config.getoption("--iso-dir"), iso + ".iso")
        if not os.path.isfile(path):
            pytest.fail("%s missing: build it with `make test-boot` (tests/guests/l1vmx/l1vmx.mk)"
                        % path)
        logdir = os.path.join(request.config.getoption("--log-dir"), logname)
        self.error = None
        self.status = None
        self.end = None  # the match of end_regex
        self.machine = harness.Machine(PLATFORM, path, logdir, cpus=cpus, bound=bound,
                                       fail_on=fail_on)
        with self.machine as m:
            try:
                m.wait_for(DONE, timeout=bound - 30)
                if end_regex:
                    self.end = m.wait_for(end_regex, timeout=20)
                else:
                    self.status = int(m.wait_for(EXIT, timeout=20).group(1))
                    m.wait_exit(20)
            except harness.BootError as e:
                self.error = str(e)
        self.lines = self.machine.lines

    def result(self, name):
        """Fails unless the guest printed 'l1vmx: <name> ok'; shows what it printed instead."""
        ok = re.compile(r"l1vmx: %s ok$" % re.escape(name))
        if any(ok.search(l) for l in self.lines):
            return
        said = [l for l in self.lines if re.search(r"l1vmx: %s[ :]" % re.escape(name), l)]
        pytest.fail("no 'l1vmx: %s ok'; the guest said:\n  %s%s" % (
            name, "\n  ".join(said) or "(nothing)",
            "\nboot: " + self.error if self.error else ""))


@pytest.fixture(scope="module")
def native(request):
    return L1VmxRun(request, "l1vmx-native", "test_l1vmx_native")


@pytest.mark.platforms(PLATFORM)
@pytest.mark.bound(180)
@pytest.mark.parametrize("name", ALL_TESTS)
def test_l1vmx_native(native, name):
    native.result(name)


@pytest.mark.platforms(PLATFORM)
@pytest.mark.bound(180)
def test_l1vmx_native_exit(native):
    """All passed, the guest's exit status was 0 and it ended Bochs through port 0x8900."""
    assert native.error is None, native.error
    done = [l for l in native.lines if re.search(DONE, l)]
    assert done and re.search(r"l1vmx: done: %d ok, 0 failed$" % len(ALL_TESTS), done[-1]), done
    assert native.status == 0, native.status
    m = native.machine
    assert m.exited, "Bochs still ran after the guest's shutdown"
    assert "Shutdown port" in (m.exit_reason() or ""), m.exit_reason()


@pytest.mark.platforms(PLATFORM)
@pytest.mark.bound(180)
def test_l1vmx_native_notes(native):
    """Bochs follows the SDM in everything tested: no note names a departure."""
    notes = [NOTE.search(l) for l in native.lines]
    departures = [n.group(0) for n in notes if n and n.group(1) not in CAPABILITY_NOTES]
    assert not departures, departures
