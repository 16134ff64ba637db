# SPDX-License-Identifier: BSD-2-Clause
"""Nested SVM, hostile L1 (issue #7; rule 1 of ../shared/guides/nested-rules.md, the
CVE-2021-29657 class): a 2-CPU L1 (tests/guests/nested_race.c, tests/config/nested-race.dts)
whose CPU 1 flips fields of the VMCB12 that its CPU 0 VMRUNs, in a tight loop (VMRUN intercept
bit, ASID 0/1, garbage EVENTINJ, IOPM base outside L1's memory; each between a valid and an
invalid value). Every VMRUN must either run L2 exactly as a valid snapshot says (its VMRUN
reflected to L1 after its MOV) or give VMEXIT_INVALID; both must happen, none may do anything
else; Bulkhead neither panics nor faults the partition, a clean VMCB12 runs L2 afterwards, and
the victim partition on CPU 2 counts unbroken through the race (judged in guest terms, as in
tests/boot/test_isolation.py)."""

import re

import pytest

from harness import BANNER
from test_isolation import check_victim, index, wait_all

FAIL_ON = (r"(?i)panic|exited \(test-exit, status [1-9]|nested-race: .*(want|did not)|"
           r"partition \S+: (fault|restart)|\] error: ")
# Rules that a flipped field breaks (nested/svm/vmcb12_checks.c); logged for the first 8 only.
RULES = r"c->asid == 0|INTERCEPT_VMRUN|vmcb12_event_valid|INTERCEPT_IOIO"


@pytest.mark.platforms("qemu-bios")
@pytest.mark.bound(60)
def test_nested_race(boot, platform, test_iso):
    m = boot(test_iso("nested-race"), fail_on=FAIL_ON)
    m.wait_for(BANNER)
    lines = wait_all(
        m,
        r"info: partition l1: nested SVM, L2 in ASID \d+",
        r"l1: nested-race: racing VMCB12 writes from cpu 1 while cpu 0 VMRUNs$",
        r"l1: nested-race: \d+ VMRUNs: \d+ ran L2, \d+ VMEXIT_INVALID, 0 wrong; \d+ flips$",
        r"l1: nested-race: clean VMRUN after the race ran L2$",
        r"partition l1: exited \(test-exit, status 0\)",
        r"victim: victim: count \d+, unbroken$",
        r"partition victim: exited \(test-exit, status 0\)",
    )
    race = index(lines, r"l1: nested-race: \d+ VMRUNs")
    runs, ran, invalid, flips = (int(x) for x in re.search(
        r"(\d+) VMRUNs: (\d+) ran L2, (\d+) VMEXIT_INVALID, 0 wrong; (\d+) flips",
        lines[race]).groups())
    assert runs == ran + invalid and runs >= 200, lines[race]
    assert ran > 0 and invalid > 0 and flips > runs, "no race took place: %s" % lines[race]
    refusals = [l for l in lines if re.search(r"partition l1: VMRUN of VMCB12 at 0x[0-9a-f]+: "
                                              r"VMEXIT_INVALID \(.*(%s)" % RULES, l)]
    assert refusals, "no VMEXIT_INVALID logged with a flipped field's rule"
    # The victim started before the race and kept counting after it.
    first_attack = index(lines, r"l1: nested-race: racing VMCB12 writes")
    start = check_victim(lines, race)
    assert start < first_attack, "the victim was not running when the race began"
    assert len([l for l in lines if re.search(BANNER, l)]) == 1, "machine reset"
    m.assert_no_line(r"partition (l1|victim): (fault|restart|halted)")
