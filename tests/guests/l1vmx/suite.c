// SPDX-License-Identifier: BSD-2-Clause
// The test images' order of the test tables: VMX operation first, then the instructions alone,
// L2 runs, interrupts and NMIs, VMCS shadowing, EPT, the entry checks, and last a hostile L1 (it leaves VMX operation
// once).

#include "l1vmx.h"

void l1_suite(void)
{
	l1_run_tests(caps_tests, caps_ntests);
	l1_run_tests(insn_tests, insn_ntests);
	l1_run_tests(exit_tests, exit_ntests);
	l1_run_tests(intr_tests, intr_ntests);
	l1_run_tests(shadow_tests, shadow_ntests);
	l1_run_tests(ept_tests, ept_ntests);
	l1_run_tests(entry_tests, entry_ntests);
	l1_run_tests(hostile_tests, hostile_ntests);
}
