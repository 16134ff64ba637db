// SPDX-License-Identifier: BSD-2-Clause
// VM-entry checks failing alone (SDM 26.2-26.3), each followed by the same VMCS repaired and
// run: controls (VMfailValid 7), host state (VMfailValid 8), guest state (exit reason 33 with
// bit 31 set, 26.8), and the VMCS is still good afterwards.

#include "l1vmx.h"

#define RFLAGS_NO_FIXED1 0ULL /* bit 1 must be 1 (26.3.1.4) */
#define RFLAGS_L2	 0x2ULL
#define AR_UNUSABLE	 0x10000U
#define AR_TSS64_BUSY	 0x008bU
#define LINK_PTR_BAD	 0x1000ULL /* not all ones: a shadow VMCS that is not one (26.3.1.5) */
#define LINK_PTR_NONE	 (~0ULL)

/* VMLAUNCH of a VMCS whose only fault is @field = @bad: VMfailValid @err; then @good runs. */
static void entry_fails_valid(uint32_t field, uint64_t bad, uint32_t err)
{
	uint64_t good;

	l2_setup(l2_done);
	good = vmcs_read(field);
	vmcs_write(field, bad);
	CHECK_FAIL_VALID(vmx_enter(1, &l2_regs), err);
	vmcs_write(field, good);
	l2_run();
	L2_EXPECT_DONE();
}

/* The same for a guest-state fault: a VM exit with basic reason 33 and bit 31 set. */
static void entry_fails_guest(uint32_t field, uint64_t bad)
{
	uint64_t good;

	l2_setup(l2_done);
	good = vmcs_read(field);
	vmcs_write(field, bad);
	CHECK_EQ(l2_run(), EXIT_REASON_ENTRY_FAIL | EXIT_REASON_BAD_GUEST);
	vmcs_write(field, good);
	l2_run();
	L2_EXPECT_DONE();
}

/* 26.2.1.1: the CR3-target count is at most 4. */
static void test_entry_cr3_targets(void)
{
	entry_fails_valid(CR3_TARGET_COUNT, CR3_TARGET_MAX + 1, VMXERR_ENTRY_CONTROLS);
}

/* 26.2.3: the host TR selector is not 0. */
static void test_entry_host_tr(void)
{
	entry_fails_valid(HOST_TR_SEL, 0, VMXERR_ENTRY_HOST);
}

/* 26.2.2: with a 64-bit host, host CR4.PAE is 1. */
static void test_entry_host_pae(void)
{
	uint64_t cr4;

	asm volatile("mov %%cr4, %0" : "=r"(cr4));
	entry_fails_valid(HOST_CR4, cr4 & ~(uint64_t)CR4_PAE, VMXERR_ENTRY_HOST);
}

/* 26.3.1.4: RFLAGS bit 1 is 1. */
static void test_entry_guest_rflags(void)
{
	entry_fails_guest(GUEST_RFLAGS, RFLAGS_NO_FIXED1);
}

/* 26.3.1.2: TR is usable. */
static void test_entry_guest_tr(void)
{
	entry_fails_guest(GUEST_TR_AR, AR_TSS64_BUSY | AR_UNUSABLE);
}

/* 26.3.1.5: a VMCS link pointer other than all ones must name a shadow VMCS. */
static void test_entry_guest_link(void)
{
	entry_fails_guest(VMCS_LINK_PTR, LINK_PTR_BAD);
}

const struct l1_test entry_tests[] = {
    {"entry-control-cr3-targets", test_entry_cr3_targets, NEED_VMX},
    {"entry-host-tr", test_entry_host_tr, NEED_VMX},
    {"entry-host-cr4-pae", test_entry_host_pae, NEED_VMX},
    {"entry-guest-rflags", test_entry_guest_rflags, NEED_VMX},
    {"entry-guest-tr-unusable", test_entry_guest_tr, NEED_VMX},
    {"entry-guest-link-pointer", test_entry_guest_link, NEED_VMX},
};
const size_t entry_ntests = sizeof(entry_tests) / sizeof(entry_tests[0]);
