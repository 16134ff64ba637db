// SPDX-License-Identifier: BSD-2-Clause
// The VMCS12 field table (SDM Vol. 3C, Appendix B) and VMREAD/VMWRITE through it (24.11.2):
// every row round-trips, widths truncate, high halves, unsupported encodings, no overlaps.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vmcs12.h"
#include "vmx/vmcs.h"

#define PATTERN	     0x8877665544332211ULL
#define ENC_WIDTH(e) (((e) >> VMCS_ENC_WIDTH_SHIFT) & VMCS_ENC_WIDTH_MASK)

static unsigned int width_bytes(unsigned int w)
{
	return w == VMCS_W16 ? 2 : w == VMCS_W32 ? 4 : 8;
}

static uint64_t width_mask(unsigned int w)
{
	return w == VMCS_W16 ? 0xffffULL : w == VMCS_W32 ? 0xffffffffULL : ~0ULL;
}

/* Each row finds itself, writes and reads back its own bytes only, truncated to its width. */
static void test_round_trip(void **state)
{
	static struct vmcs12 v, zero;

	(void)state;
	for (size_t i = 0; i < vmcs12_nfields; i++) {
		const struct vmcs12_field *f = &vmcs12_fields[i];

		memset(&v, 0, sizeof(v));
		assert_ptr_equal(vmcs12_field_find(f->encoding), f);
		vmcs12_write(&v, f, f->encoding, PATTERN);
		assert_int_equal(vmcs12_read(&v, f, f->encoding), PATTERN & width_mask(f->width));
		/* Nothing outside the field changed. */
		memset((char *)&v + f->offset, 0, width_bytes(f->width));
		assert_memory_equal(&v, &zero, sizeof(v));
	}
}

static void test_rows_consistent(void **state)
{
	(void)state;
	assert_true(vmcs12_nfields > 100);
	for (size_t i = 0; i < vmcs12_nfields; i++) {
		const struct vmcs12_field *f = &vmcs12_fields[i];

		assert_int_equal(f->width, ENC_WIDTH(f->encoding));
		assert_int_equal(f->encoding & (VMCS_ENC_HIGH | VMCS_ENC_RESERVED), 0);
		assert_true(f->offset >= offsetof(struct vmcs12, pad0) + 4);
		assert_true(f->offset + width_bytes(f->width) <= sizeof(struct vmcs12));
		assert_int_equal(f->offset % width_bytes(f->width), 0);
		for (size_t j = i + 1; j < vmcs12_nfields; j++) {
			const struct vmcs12_field *g = &vmcs12_fields[j];

			assert_int_not_equal(f->encoding, g->encoding);
			/* No overlap at all, not just distinct offsets. */
			assert_true(f->offset + width_bytes(f->width) <= g->offset ||
				    g->offset + width_bytes(g->width) <= f->offset);
		}
	}
}

/* 24.11.2: the high half of a 64-bit field is its bits 63:32; writing it keeps the low half. */
static void test_high_half(void **state)
{
	static struct vmcs12 v;
	const struct vmcs12_field *f = vmcs12_field_find(GUEST_EFER | VMCS_ENC_HIGH);

	(void)state;
	assert_non_null(f);
	assert_int_equal(f->encoding, GUEST_EFER);
	v.guest_efer = PATTERN;
	assert_int_equal(vmcs12_read(&v, f, GUEST_EFER | VMCS_ENC_HIGH), PATTERN >> 32);
	vmcs12_write(&v, f, GUEST_EFER | VMCS_ENC_HIGH, 0xdeadbeefcafef00dULL);
	assert_int_equal(v.guest_efer, 0xcafef00d44332211ULL);
	vmcs12_write(&v, f, GUEST_EFER, 0x1234);
	assert_int_equal(v.guest_efer, 0x1234);
}

/* Natural-width fields take all 64 bits; 16- and 32-bit ones are zero-extended on read. */
static void test_widths(void **state)
{
	static struct vmcs12 v;
	const struct vmcs12_field *sel = vmcs12_field_find(GUEST_SEL(SEG_CS));
	const struct vmcs12_field *lim = vmcs12_field_find(GUEST_LIMIT(SEG_CS));
	const struct vmcs12_field *rip = vmcs12_field_find(GUEST_RIP);

	(void)state;
	vmcs12_write(&v, sel, GUEST_SEL(SEG_CS), 0x12345);
	assert_int_equal(v.guest_sel[SEG_CS], 0x2345);
	assert_int_equal(vmcs12_read(&v, sel, GUEST_SEL(SEG_CS)), 0x2345);
	vmcs12_write(&v, lim, GUEST_LIMIT(SEG_CS), 0x1ffffffffULL);
	assert_int_equal(vmcs12_read(&v, lim, GUEST_LIMIT(SEG_CS)), 0xffffffffULL);
	vmcs12_write(&v, rip, GUEST_RIP, PATTERN);
	assert_int_equal(v.guest_rip, PATTERN);
}

/* VMfailValid 12: reserved encoding bits, unknown fields, high halves of narrower fields. */
static void test_unsupported(void **state)
{
	(void)state;
	assert_null(vmcs12_field_find(GUEST_RIP | (1U << 12)));
	assert_null(vmcs12_field_find(GUEST_RIP | (1U << 15)));
	assert_null(vmcs12_field_find(GUEST_RIP | (1ULL << 32)));
	assert_null(vmcs12_field_find(0xffffffffULL));
	assert_null(vmcs12_field_find(0x2018)); /* VM-function controls: not offered */
	assert_null(vmcs12_field_find(0x0002)); /* posted-interrupt vector */
	assert_null(vmcs12_field_find(GUEST_RIP | VMCS_ENC_HIGH));
	assert_null(vmcs12_field_find(PIN_CTLS | VMCS_ENC_HIGH));
	assert_null(vmcs12_field_find(VMCS_VPID | VMCS_ENC_HIGH));
	assert_non_null(vmcs12_field_find(VMCS_VPID));
}

/* The fields a hypervisor touches on every exit are shadowable; the controls L0 must see
 * change are not. */
static void test_shadowable(void **state)
{
	static const uint32_t shadow[] = {EXIT_REASON,	 EXIT_QUALIFICATION, EXIT_INSN_LEN,
					  GUEST_RIP,	 GUEST_RSP,	     GUEST_RFLAGS,
					  GUEST_CR0,	 GUEST_INTR_STATE,   ENTRY_INTR_INFO,
					  IDT_VECT_INFO, GUEST_AR(SEG_TR),   GUEST_PHYS_ADDR};
	static const uint32_t never[] = {
	    PIN_CTLS,	   PROC_CTLS,	       PROC2_CTLS,	  EXIT_CTLS, ENTRY_CTLS,
	    IO_BITMAP_A,   MSR_BITMAP,	       EPT_POINTER,	  VMCS_VPID, VMCS_LINK_PTR,
	    VMREAD_BITMAP, ENTRY_MSR_LOAD_CNT, EXIT_MSR_LOAD_ADDR};

	(void)state;
	for (size_t i = 0; i < sizeof(shadow) / sizeof(shadow[0]); i++)
		assert_true(vmcs12_field_find(shadow[i])->shadowable);
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++)
		assert_false(vmcs12_field_find(never[i])->shadowable);
	assert_true(vmcs12_field_read_only(EXIT_QUALIFICATION));
	assert_false(vmcs12_field_read_only(GUEST_RIP));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),	cmocka_unit_test(test_rows_consistent),
	    cmocka_unit_test(test_high_half),	cmocka_unit_test(test_widths),
	    cmocka_unit_test(test_unsupported), cmocka_unit_test(test_shadowable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
