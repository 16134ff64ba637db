// SPDX-License-Identifier: BSD-2-Clause
// VMX instructions alone, outside any L2 run: VMsucceed, VMfailInvalid and VMfailValid with the
// error numbers of SDM 31.4 (table 31-1), as each instruction's operation section orders them.

#include "l1vmx.h"

#define MISALIGN      0x10
#define INVEPT_BAD    3 /* types 1 and 2 exist (SDM 30.3, INVEPT) */
#define INVVPID_BAD   4 /* types 0 to 3 exist (INVVPID) */
#define VPID_ONE      1
#define REVISION_FLIP 1

static uint8_t scratch[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t other[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* VMfailValid needs a current VMCS (SDM 31.2): scratch becomes it. */
static uint64_t make_current(void)
{
	vmcs_prepare(scratch);
	CHECK_EQ(vmclear((uint64_t)scratch), VMX_OK);
	CHECK_EQ(vmptrld((uint64_t)scratch), VMX_OK);
	return (uint64_t)scratch;
}

static uint64_t beyond_maxphyaddr(void)
{
	return 1ULL << phys_bits;
}

static void test_vmxon_again(void)
{
	make_current();
	CHECK_FAIL_VALID(vmxon((uint64_t)vmxon_region), VMXERR_VMXON_IN_ROOT);
}

static void test_vmclear_bad_addr(void)
{
	make_current();
	CHECK_FAIL_VALID(vmclear((uint64_t)other + MISALIGN), VMXERR_VMCLEAR_ADDR);
	CHECK_FAIL_VALID(vmclear(beyond_maxphyaddr()), VMXERR_VMCLEAR_ADDR);
}

static void test_vmptrld_bad_addr(void)
{
	make_current();
	CHECK_FAIL_VALID(vmptrld((uint64_t)other + MISALIGN), VMXERR_VMPTRLD_ADDR);
	CHECK_FAIL_VALID(vmptrld(beyond_maxphyaddr()), VMXERR_VMPTRLD_ADDR);
	CHECK_EQ(vmptrst(), (uint64_t)scratch); /* the current VMCS stays */
}

static void test_vmxon_pointer(void)
{
	make_current();
	CHECK_FAIL_VALID(vmclear((uint64_t)vmxon_region), VMXERR_VMCLEAR_VMXON);
	CHECK_FAIL_VALID(vmptrld((uint64_t)vmxon_region), VMXERR_VMPTRLD_VMXON);
}

static void test_vmptrld_revision(void)
{
	make_current();
	vmcs_prepare(other);
	*(volatile uint32_t *)other ^= REVISION_FLIP;
	CHECK_FAIL_VALID(vmptrld((uint64_t)other), VMXERR_VMPTRLD_REVISION);
}

static void test_field_unsupported(void)
{
	uint64_t v;

	make_current();
	CHECK_FAIL_VALID(vmread_r(VMCS_FIELD_UNSUPPORTED, &v), VMXERR_FIELD_UNSUPPORTED);
	CHECK_FAIL_VALID(vmwrite_r(VMCS_FIELD_UNSUPPORTED, 0), VMXERR_FIELD_UNSUPPORTED);
}

/* SDM 31.3 VMWRITE: a VM-exit information field is read-only unless IA32_VMX_MISC[29]. */
static void test_vmwrite_read_only(void)
{
	make_current();
	if (vmx_misc & VMX_MISC_VMWRITE_ANY) {
		l1_note("IA32_VMX_MISC[29] set: VM-exit information fields are writable");
		CHECK_EQ(vmwrite_r(EXIT_QUAL, 1), VMX_OK);
		CHECK_EQ(vmcs_read(EXIT_QUAL), 1);
		return;
	}
	CHECK_FAIL_VALID(vmwrite_r(EXIT_QUAL, 1), VMXERR_FIELD_READ_ONLY);
}

/* VMPTRST gives the current-VMCS pointer; VMCLEAR of the current VMCS leaves none (all ones). */
static void test_vmptrst(void)
{
	uint64_t pa = make_current();

	CHECK_EQ(vmptrst(), pa);
	CHECK_EQ(vmclear(pa), VMX_OK);
	CHECK_EQ(vmptrst(), ~0ULL);
}

/* Without a current VMCS every failure is VMfailInvalid: CF, and no error number to read. */
static void test_no_current_vmcs(void)
{
	struct l2_regs regs = {0};
	uint64_t v;

	CHECK_EQ(vmclear(make_current()), VMX_OK);
	CHECK_EQ(vmread_r(GUEST_RIP, &v), VMX_FAIL_INVALID);
	CHECK_EQ(vmwrite_r(GUEST_RIP, 0), VMX_FAIL_INVALID);
	CHECK_EQ(vmx_enter(1, &regs), VMX_FAIL_INVALID);
	CHECK_EQ(vmx_enter(0, &regs), VMX_FAIL_INVALID);
	CHECK_EQ(vmclear((uint64_t)other + MISALIGN), VMX_FAIL_INVALID);
	CHECK_EQ(vmxon((uint64_t)vmxon_region), VMX_FAIL_INVALID);
}

static void test_vmlaunch_launched(void)
{
	l2_setup(l2_done);
	l2_run();
	L2_EXPECT_DONE();
	CHECK_FAIL_VALID(vmx_enter(1, &l2_regs), VMXERR_LAUNCH_NOT_CLEAR);
}

static void test_vmresume_clear(void)
{
	l2_setup(l2_done);
	CHECK_FAIL_VALID(vmx_enter(0, &l2_regs), VMXERR_RESUME_NOT_LAUNCH);
}

/* VMLAUNCH right after MOV SS, while events are blocked by it: VMfailValid 26, before any
 * check of the VMCS (30.3, VMLAUNCH/VMRESUME operation). */
static enum vmx_result vmlaunch_after_mov_ss(void)
{
	uint16_t ss;
	bool cf, zf;

	asm volatile("mov %%ss, %2; mov %2, %%ss; vmlaunch"
		     : "=@ccc"(cf), "=@ccz"(zf), "=&r"(ss)
		     :
		     : "memory");
	return VMX_RESULT(cf, zf);
}

static void test_vmlaunch_mov_ss(void)
{
	make_current();
	CHECK_FAIL_VALID(vmlaunch_after_mov_ss(), VMXERR_ENTRY_MOV_SS);
}

static void test_invept_type(void)
{
	if (!(vmx_ept_vpid_cap & EPT_CAP_INVEPT)) {
		l1_note("no INVEPT (IA32_VMX_EPT_VPID_CAP[20])");
		return;
	}
	make_current();
	CHECK_FAIL_VALID(invept(INVEPT_BAD, 0), VMXERR_INVALID_OPERAND);
}

static void test_invvpid_type(void)
{
	if (!(vmx_ept_vpid_cap & VPID_CAP_INVVPID)) {
		l1_note("no INVVPID (IA32_VMX_EPT_VPID_CAP[32])");
		return;
	}
	make_current();
	CHECK_FAIL_VALID(invvpid(INVVPID_BAD, VPID_ONE, 0), VMXERR_INVALID_OPERAND);
}

const struct l1_test insn_tests[] = {
    {"vmxon-in-root", test_vmxon_again, NEED_VMX},
    {"vmclear-bad-address", test_vmclear_bad_addr, NEED_VMX},
    {"vmptrld-bad-address", test_vmptrld_bad_addr, NEED_VMX},
    {"vmxon-pointer", test_vmxon_pointer, NEED_VMX},
    {"vmptrld-revision", test_vmptrld_revision, NEED_VMX},
    {"field-unsupported", test_field_unsupported, NEED_VMX},
    {"vmwrite-read-only", test_vmwrite_read_only, NEED_VMX},
    {"vmptrst", test_vmptrst, NEED_VMX},
    {"no-current-vmcs", test_no_current_vmcs, NEED_VMX},
    {"vmlaunch-launched", test_vmlaunch_launched, NEED_VMX},
    {"vmresume-clear", test_vmresume_clear, NEED_VMX},
    {"vmlaunch-mov-ss", test_vmlaunch_mov_ss, NEED_VMX},
    {"invept-type", test_invept_type, NEED_VMX},
    {"invvpid-type", test_invvpid_type, NEED_VMX},
};
const size_t insn_ntests = sizeof(insn_tests) / sizeof(insn_tests[0]);
