# SPDX-License-Identifier: BSD-2-Clause
"""Nested SVM, first slice (issue #7): a partition with nested = "svm" runs the minimal L1
hypervisor of tests/guests/nested_min.c. It sees SVM in CPUID with only the emulated features,
the SVM instructions are gated (#UD without EFER.SVME, #GP for bad operands, SKINIT #UD), its
L2 runs and each exit goes to L1 or to Bulkhead as L1's VMCB and maps say, every broken VMCB
gives VMEXIT_INVALID with the failing rule logged and the exit information cleared, and
VMLOAD/VMSAVE move the hidden state. Last, L2 triple-faults without L1 intercepting it: the
partition restarts in the middle of L2 (on-fault "restart", limit 1), and the second run must
find no nested state left (EFER.SVME clear, VM_HSAVE_PA 0) and pass the same checks."""

import pytest

from harness import BANNER

FAIL_ON = (r"(?i)panic|exited \(test-exit, status [1-9]|nested-min: .*(failed|want|no #|not |"
           r"resumed|at start)")
RULES = (r"c->asid == 0", r"INTERCEPT_VMRUN", r"EFER_SVME_B", r"CR0_NW", r"vmcb12_event_valid",
         r"INTERCEPT_IOIO")


def one_run(m):
    m.expect_lines(
        r"l1: nested-min: SVM revision 1, \d+ ASIDs, features 0x61$",
        r"l1: nested-min: L2 ran: exits cpuid, ioio, hlt reflected; rdmsr and port 0x84 "
        r"handled below$",
    )
    # Each refusal names the rule of APM 15.5.1 that failed (nested/svm/vmcb12_checks.c).
    for rule in RULES:
        m.expect_lines(r"info: partition l1: VMRUN of VMCB12 at 0x[0-9a-f]+: VMEXIT_INVALID "
                       r"\(.*" + rule)
    m.expect_lines(
        r"l1: nested-min: 6 broken VMCBs gave VMEXIT_INVALID$",
        r"l1: nested-min: MSR map and exception intercepts reflected$",
        r"l1: nested-min: NPT12 composed with Bulkhead's, its faults reflected$",
        r"l1: nested-min: hostile VMCB12 contained$",
        r"l1: nested-min: Bulkhead's exceptions for L2 reflected$",
        r"l1: nested-min: all \d+ checks passed$",
        r"l1: nested-min: L2 triple-faults now$",
    )


@pytest.mark.platforms("qemu-bios")
@pytest.mark.bound(120)
def test_nested_min(boot, platform, test_iso):
    m = boot(test_iso("nested-min"), fail_on=FAIL_ON)
    m.wait_for(BANNER)
    m.expect_lines(
        r"info: partition l1: nested SVM, L2 in ASID \d+",
        r"info: boot complete",
    )
    one_run(m)
    m.expect_lines(
        r"error: partition l1: fault: triple fault \(shutdown\); on-fault \"restart\"",
        r"warn: partition l1: restart 1 of 1",
        r"info: partition l1: nested SVM left in L2: \d+ VMRUNs, \d+ exits reflected, 6 "
        r"VMEXIT_INVALID",
    )
    one_run(m)
    m.expect_lines(
        r"error: partition l1: fault: triple fault \(shutdown\); on-fault \"restart\" "
        r"\(restart limit",
        r"error: partition l1: halted",
    )
