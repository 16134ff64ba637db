// SPDX-License-Identifier: BSD-2-Clause
// The x2APIC rules: exactly the core's own registers pass through, and no write that reaches an
// MSR can carry a bit the register does not define.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "x2apic.h"

static void writes_that_pass_through(void **state)
{
	static const uint32_t own[] = {0x808, 0x80b, 0x80f, 0x828, 0x832,
				       0x837, 0x838, 0x83e, 0x83f};
	unsigned int n = 0;

	for (uint32_t msr = 0x7f0; msr <= 0x90f; msr++) {
		bool listed = false;

		for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
			listed |= own[i] == msr;
		assert_int_equal(x2apic_passthrough(msr, true), listed);
		n += x2apic_passthrough(msr, true);
	}
	assert_int_equal(n, sizeof(own) / sizeof(own[0]));
	/* the ICR and the LVTs with a delivery mode exit */
	assert_false(x2apic_passthrough(0x830, true));
	assert_false(x2apic_passthrough(0x835, true));
	assert_false(x2apic_passthrough(0x82f, true));
}

static void reads_that_pass_through(void **state)
{
	for (uint32_t msr = 0x800; msr <= 0x8ff; msr++)
		assert_int_equal(x2apic_passthrough(msr, false), msr != 0x830);
	assert_false(x2apic_passthrough(0x7ff, false));
	assert_false(x2apic_passthrough(0x900, false));
}

static void write_masks(void **state)
{
	uint32_t m;

	assert_true(x2apic_write_mask(0x0b0, false, &m)); /* EOI: writable, only 0 */
	assert_int_equal(m, 0);
	assert_true(x2apic_write_mask(0x080, false, &m));
	assert_int_equal(m, 0xff);
	assert_true(x2apic_write_mask(0x320, false, &m)); /* timer: vector, mask, mode */
	assert_int_equal(m, 0x700ff);
	assert_true(x2apic_write_mask(0x350, false, &m)); /* LINT0: + mode, polarity, trigger */
	assert_int_equal(m, 0x1a7ff);
	assert_true(x2apic_write_mask(0x3e0, false, &m));
	assert_int_equal(m, 0xb);
	assert_false(x2apic_write_mask(0x2f0, false, &m)); /* CMCI only where it exists */
	assert_true(x2apic_write_mask(0x2f0, true, &m));
	assert_false(x2apic_write_mask(0x300, false, &m)); /* the ICR has its own rule */
	assert_false(x2apic_write_mask(0x0d0, false, &m)); /* LDR: read-only */
	assert_false(x2apic_write_mask(0x0e0, false, &m)); /* DFR: absent */
	assert_false(x2apic_write_mask(0x020, false, &m)); /* ID */
}

static void readable(void **state)
{
	assert_true(x2apic_readable(0x020, false));
	assert_true(x2apic_readable(0x0d0, false));
	assert_true(x2apic_readable(0x100, false));
	assert_true(x2apic_readable(0x270, false));
	assert_true(x2apic_readable(0x390, false));
	assert_false(x2apic_readable(0x090, false)); /* APR */
	assert_false(x2apic_readable(0x0c0, false)); /* RRD */
	assert_false(x2apic_readable(0x0e0, false)); /* DFR */
	assert_false(x2apic_readable(0x310, false)); /* ICR high */
	assert_false(x2apic_readable(0x2f0, false));
	assert_true(x2apic_readable(0x2f0, true));
	assert_false(x2apic_readable(0x3f0, false)); /* SELF IPI: write-only */
	assert_false(x2apic_readable(0x108, false)); /* not a register start */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(writes_that_pass_through),
	    cmocka_unit_test(reads_that_pass_through),
	    cmocka_unit_test(write_masks),
	    cmocka_unit_test(readable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
