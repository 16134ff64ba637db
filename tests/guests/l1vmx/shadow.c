// SPDX-License-Identifier: BSD-2-Clause
// VMCS shadowing (SDM 24.10, 25.3 VMREAD/VMWRITE in VMX non-root operation): L2's VMREAD and
// VMWRITE reach the shadow VMCS named by the link pointer when the bitmaps let them, and exit
// when a bitmap bit is set or the control is off.

#include "l1vmx.h"

#define SHADOW_INDICATOR (1U << 31) /* revision dword bit 31: a shadow VMCS (24.2) */
#define SHADOW_FIELD	 GUEST_RIP
#define EXIT_FIELD	 GUEST_RSP
#define SHADOW_VALUE	 0x5ade0001ULL
#define L2_WRITE_VALUE	 0x5ade0002ULL
#define FIELD_BIT_MASK	 0x7fffU /* bits 14:0 of the encoding index the bitmaps */
#define BITS_PER_BYTE	 8

static uint8_t shadow_vmcs[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t vmread_bitmap[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t vmwrite_bitmap[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void bitmap_set(uint8_t *bitmap, uint32_t field)
{
	field &= FIELD_BIT_MASK;
	bitmap[field / BITS_PER_BYTE] |= (uint8_t)(1U << (field % BITS_PER_BYTE));
}

/* A shadow VMCS holding SHADOW_VALUE in SHADOW_FIELD, written while it is current. */
static void shadow_prepare(void)
{
	vmcs_prepare(shadow_vmcs);
	*(volatile uint32_t *)shadow_vmcs |= SHADOW_INDICATOR;
	CHECK_EQ(vmclear((uint64_t)shadow_vmcs), VMX_OK);
	CHECK_EQ(vmptrld((uint64_t)shadow_vmcs), VMX_OK);
	vmcs_write(SHADOW_FIELD, SHADOW_VALUE);
	CHECK_EQ(vmclear((uint64_t)shadow_vmcs), VMX_OK);
}

static uint64_t shadow_read(uint32_t field)
{
	uint64_t v, current = vmptrst();

	CHECK_EQ(vmptrld((uint64_t)shadow_vmcs), VMX_OK);
	v = vmcs_read(field);
	CHECK_EQ(vmptrld(current), VMX_OK);
	return v;
}

static void l2_shadowed(const void *entry, bool on)
{
	memset(vmread_bitmap, 0, sizeof(vmread_bitmap));
	memset(vmwrite_bitmap, 0, sizeof(vmwrite_bitmap));
	bitmap_set(vmread_bitmap, EXIT_FIELD);
	shadow_prepare();
	l2_setup(entry);
	if (on)
		proc2_set(PROC2_VMCS_SHADOW);
	vmcs_write(VMREAD_BITMAP, (uint64_t)vmread_bitmap);
	vmcs_write(VMWRITE_BITMAP, (uint64_t)vmwrite_bitmap);
	vmcs_write(VMCS_LINK_PTR, (uint64_t)shadow_vmcs);
}

static void test_vmcs_shadowing(void)
{
	if (!(vmx_proc2_allowed & PROC2_VMCS_SHADOW)) {
		l1_note("no VMCS shadowing (IA32_VMX_PROCBASED_CTLS2[46])");
		return;
	}
	/* On: a VMREAD the bitmap lets through reads the shadow, without an exit. */
	l2_shadowed(l2_vmread, true);
	l2_regs.rcx = SHADOW_FIELD;
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(l2_regs.r8, SHADOW_VALUE);
	/* On, the field's bit set in the VMREAD bitmap: a VMREAD exit. */
	l2_shadowed(l2_vmread, true);
	l2_regs.rcx = EXIT_FIELD;
	CHECK_EQ(l2_run(), EXIT_REASON_VMREAD);
	CHECK_EQ(vmcs_read(GUEST_RIP), (uint64_t)l2_vmread);
	/* On: a VMWRITE lands in the shadow VMCS. */
	l2_shadowed(l2_vmwrite, true);
	l2_regs.rcx = SHADOW_FIELD;
	l2_regs.rdx = L2_WRITE_VALUE;
	l2_run();
	L2_EXPECT_DONE();
	CHECK_EQ(shadow_read(SHADOW_FIELD), L2_WRITE_VALUE);
	/* Off: every VMREAD exits, whatever the bitmaps say. */
	l2_shadowed(l2_vmread, false);
	vmcs_write(VMCS_LINK_PTR, ~0ULL);
	l2_regs.rcx = SHADOW_FIELD;
	CHECK_EQ(l2_run(), EXIT_REASON_VMREAD);
}

const struct l1_test shadow_tests[] = {
    {"vmcs-shadowing", test_vmcs_shadowing, NEED_VMX},
};
const size_t shadow_ntests = sizeof(shadow_tests) / sizeof(shadow_tests[0]);
