# SPDX-License-Identifier: BSD-2-Clause
"""Nested VMX, a hostile L1 (issue #8): an EPT12 leaf that maps L2 onto L1-physical memory just
past the partition's 64 MiB (tests/guests/l1vmx/escape.c, tests/config/nested-vmx-escape.dts,
Bochs, 4 CPUs). L2's read there is the partition's own fault, as the same read by L1 would be:
Bulkhead reports it at the L1-physical address and halts the partition (on-fault "halt"), the
read never returns to L1, and the victim on CPU 0 counts on to an unbroken end."""

import re

import pytest

from harness import BANNER
from test_isolation import FAIL_ON, check_victim, index, wait_all

OUTSIDE = 0x4000000  # the partition's 64 MiB end: the first L1-physical address outside


@pytest.mark.platforms("bochs-vmx")
@pytest.mark.bound(115)
def test_nested_vmx_ept_leaf_outside(boot, platform, test_iso):
    m = boot(test_iso("nested-vmx-escape"), fail_on=FAIL_ON)
    m.wait_for(BANNER)
    fault = r"partition hv: fault: read access to gpa 0x%x outside its memory" % OUTSIDE
    lines = wait_all(
        m,
        r"hv: l1vmx: vmx-caps ok$",
        r"hv: l1vmx: escape: L2 reads L2-physical 0xc0000000, L1-physical 0x%x$" % OUTSIDE,
        fault,
        r"partition hv: halted",
        r"victim: victim: count \d+, unbroken$",
        r"partition victim: exited \(test-exit, status 0\)",
    )
    attack = index(lines, r"l1vmx: escape: L2 reads")
    assert attack < index(lines, fault)
    start = check_victim(lines, index(lines, r"partition hv: halted"))
    assert start < attack, "the victim was not running when the attack began"
    assert len([l for l in lines if re.search(BANNER, l)]) == 1, "machine reset"
    m.assert_no_line(r"l1vmx: escape: L2 read 0x|ept-leaf-outside (ok|FAIL)"
                     r"|partition victim: (fault|restart)|partition hv: restart")
