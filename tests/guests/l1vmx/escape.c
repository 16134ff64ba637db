// SPDX-License-Identifier: BSD-2-Clause
// The L1 VMX test hypervisor's escape image (l1vmx-escape.elf, tests/config/nested-vmx-escape.dts,
// tests/boot/test_nested_vmx_escape.py): an EPT12 leaf maps L2 onto L1-physical memory just
// past the partition's. L2's read there is what the same read by L1 would be, the partition's
// own fault (nested-rules 8: an address outside the partition is never mapped); nothing after
// the read may run.

#include "l1vmx.h"
#include "platform.h"

#define EPT_RWX	      7ULL
#define EPT_MT_WB     (6ULL << 3)
#define EPT_LARGE     (1ULL << 7)
#define PAGE_2M_MASK  ((2ULL << 20) - 1)
#define L2_GPA_ESCAPE 0xc0000000ULL /* not present in ept_build()'s map */
#define INVEPT_SINGLE 1

static void test_ept_leaf_outside(void)
{
	uint64_t outside = l1_partition_end;

	CHECK(outside != 0 && (outside & PAGE_2M_MASK) == 0);
	ept_l2_setup(l2_read);
	*ept_leaf(L2_GPA_ESCAPE) = outside | EPT_RWX | EPT_MT_WB | EPT_LARGE;
	CHECK_EQ(invept(INVEPT_SINGLE, vmcs_read(EPT_POINTER)), VMX_OK);
	l2_regs.rdi = L2_GPA_ESCAPE;
	guest_printf("l1vmx: escape: L2 reads L2-physical 0x%lx, L1-physical 0x%lx\n",
		     (unsigned long)L2_GPA_ESCAPE, (unsigned long)outside);
	l2_run();
	guest_printf("l1vmx: escape: L2 read 0x%lx outside the partition\n",
		     (unsigned long)l2_regs.r8);
	l1_fail(__FILE__, __LINE__, "the partition is stopped at L2's read");
}

static const struct l1_test escape_tests[] = {
    {"ept-leaf-outside", test_ept_leaf_outside, NEED_VMX | NEED_EPT},
};

void l1_suite(void)
{
	l1_run_tests(caps_tests, caps_ntests);
	l1_run_tests(escape_tests, sizeof(escape_tests) / sizeof(escape_tests[0]));
}
