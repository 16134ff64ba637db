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

static const struct x2apic_caps base = {0}, full = {.cmci = true, .tsc_deadline = true};

static bool value(uint32_t reg, uint64_t val, const struct x2apic_caps *c, bool strict,
		  uint32_t *out)
{
	*out = 0xdeadbeef;
	return x2apic_write_value(reg, val, c, strict, out);
}

static void write_values(void **state)
{
	uint32_t v;

	assert_true(value(0x0b0, 0, &base, true, &v)); /* EOI: only 0 */
	assert_false(value(0x0b0, 0x55, &base, true, &v));
	assert_true(value(0x0b0, 0x55, &base, false, &v)); /* the page ignores the value */
	assert_int_equal(v, 0);
	assert_false(value(0x080, 0x1234, &base, true, &v));
	assert_true(value(0x080, 0x1234, &base, false, &v));
	assert_int_equal(v, 0x34);
	/* Timer: bit 18 (TSC-deadline) only where the CPU has it; mode 11b never. */
	assert_true(value(0x320, 0x20031, &base, true, &v));
	assert_int_equal(v, 0x20031);
	assert_false(value(0x320, 0x40031, &base, true, &v));
	assert_true(value(0x320, 0x40031, &base, false, &v));
	assert_int_equal(v, 0x31);
	assert_true(value(0x320, 0x40031, &full, true, &v));
	assert_false(value(0x320, 0x60031, &full, true, &v));
	assert_false(value(0x320, 0x60031, &full, false, &v)); /* dropped, not guessed */
	/* LVTs: delivery status and remote IRR are read-only, carried along by a
	 * read-modify-write without a fault. */
	assert_true(value(0x350, 0x1d700 | 0x5000, &base, true, &v));
	assert_int_equal(v, 0x18700);
	assert_false(value(0x350, 0x80000, &base, true, &v)); /* reserved */
	assert_true(value(0x3e0, 0xb, &base, true, &v));
	assert_false(value(0x3e0, 0x4, &base, true, &v));
	assert_false(value(0x838, 1ULL << 32, &base, true, &v)); /* not a register: 0x838 */
	assert_false(value(0x380, 1ULL << 32, &base, true, &v)); /* upper half reserved */
	assert_true(value(0x380, 0xffffffff, &base, true, &v));
	assert_false(value(0x2f0, 0x40, &base, true, &v)); /* CMCI only where it exists */
	assert_true(value(0x2f0, 0x40, &full, true, &v));
	assert_false(value(0x300, 0, &full, true, &v));	 /* the ICR has its own rule */
	assert_false(value(0x0d0, 0, &full, false, &v)); /* LDR: read-only */
	assert_false(value(0x0e0, 0, &full, false, &v)); /* DFR: absent */
	assert_false(value(0x020, 0, &full, false, &v)); /* ID */
}

static void readable(void **state)
{
	assert_true(x2apic_readable(0x020, &base));
	assert_true(x2apic_readable(0x0d0, &base));
	assert_true(x2apic_readable(0x100, &base));
	assert_true(x2apic_readable(0x270, &base));
	assert_true(x2apic_readable(0x390, &base));
	assert_false(x2apic_readable(0x090, &base)); /* APR */
	assert_false(x2apic_readable(0x0c0, &base)); /* RRD */
	assert_false(x2apic_readable(0x0e0, &base)); /* DFR */
	assert_false(x2apic_readable(0x310, &base)); /* ICR high */
	assert_false(x2apic_readable(0x2f0, &base));
	assert_true(x2apic_readable(0x2f0, &full));
	assert_false(x2apic_readable(0x3f0, &base)); /* SELF IPI: write-only */
	assert_false(x2apic_readable(0x108, &base)); /* not a register start */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(writes_that_pass_through),
	    cmocka_unit_test(reads_that_pass_through),
	    cmocka_unit_test(write_values),
	    cmocka_unit_test(readable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
