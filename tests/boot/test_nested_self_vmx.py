# SPDX-License-Identifier: BSD-2-Clause
"""Self-nesting on Intel (issue #8): Bulkhead as L1 in a partition of Bulkhead on Bochs VMX
(tests/config/nested-self-vmx.dts).

The outer Bulkhead boots build/bulkhead.elf by multiboot2 in the partition "bulkhead" (nested =
"vmx", 2 CPUs) with the inner bundle (tests/config/nested-self-vmx-inner.dts) as its module.
The inner Bulkhead must take the TSC frequency from CPUID leaf 0x40000010, start its second
CPU by INIT-SIPI, verify its bundle, enter VMX operation on the capabilities the outer one
offers and run its own partitions as L2: the hello guest on its first CPU and the L1 VMX test
hypervisor (nested = "vmx") on the second, whose L2 tests run as L3 of the outer Bulkhead and
must give what they give one level up (test_nested_vmx.py). The victim counts on the outer
CPU 0 throughout and after."""

import re

import pytest

from harness import BANNER
from test_l1vmx_native import ALL_TESTS
from test_nested_vmx import NOT_OFFERED

INNER = r"info: bulkhead: \[cpu\d\] "
FAIL_ON = (r"(?i)\[cpu\d+\] (?:error|panic)\b|\bpanic:|bulkhead: \[cpu\d+\] (?:error|panic)\b|"
           r"(?:hello|victim): exited \(test-exit, status [1-9]|partition victim: (fault|halted)|"
           r"refused by the CPU")
# Seconds of wall time measured from power-on to the L3 set's end: about 46 (Bochs, 3 CPUs).
SCENARIO_TIMEOUT = 240
# The victim (victim-long.bin) reports every 25 ticks of 10 ms until the run ends.
VICTIM = r"\[cpu0\] info: victim: victim: "
VICTIM_TIMEOUT = 60


@pytest.mark.platforms("bochs-vmx")
@pytest.mark.bound(420)
def test_nested_self_vmx(boot, platform, test_iso):
    m = boot(test_iso("nested-self-vmx"), cpus=3, fail_on=FAIL_ON)
    m.wait_for(BANNER)
    m.expect_lines(
        r"info: partition bulkhead: bulkhead.elf loaded, 3 segments, entry 0x200018",
        r"info: boot complete",
        INNER + r"info: Bulkhead \S+ \(\S+\) on x86-64, booted by Bulkhead via BIOS",
        INNER + r"info: tsc: \d+\.\d+ MHz \(from the hypervisor's CPUID leaf 0x40000010\)",
        INNER + r"info: bundle: nested-self-vmx-inner.bundle: verified: ecdsa-p384-sha384 key "
        r"\"dev-p384\"",
        INNER + r"info: 2 of 2 CPUs online",
        INNER + r"info: partitions: VMX backend",
        INNER + r"info: boot complete",
        timeout=SCENARIO_TIMEOUT,
    )
    after_boot = m.cursor
    ends = [
        INNER + r"info: partition hello: exited \(test-exit, status 0\)",
        INNER + r"info: l1vmx: l1vmx: done: \d+ ok, \d+ failed$",
    ]
    for end in ends:
        m.cursor = after_boot
        m.wait_for(end, timeout=SCENARIO_TIMEOUT)
    # The victim counted through all of it without a gap (victim.c ends with a failing status
    # on a stall of 100 periods, FAIL_ON) and still ticks after the L3 set ended.
    m.wait_for(VICTIM + r"tick \d+, count \d+$", timeout=VICTIM_TIMEOUT)
    text = "\n".join(m.lines)
    assert re.search(r"hello: hello from hello", text), "the inner hello guest said nothing"
    # L3: every test of the L1 VMX guest passes, as one level up.
    for name in ALL_TESTS:
        result = re.search(r"l1vmx: l1vmx: %s (ok|FAIL.*)$" % re.escape(name), text, re.M)
        assert result, "the L1 VMX guest printed no result for %s" % name
        assert result.group(1) == "ok", "L3 %s: %s" % (name, result.group(1))
    notes = re.findall(r"l1vmx: l1vmx: (\S+): note: ", text)
    assert set(notes) <= set(NOT_OFFERED), notes
    print("nested-self-vmx: all partitions ended %.1f s after power-on" % m.elapsed)
