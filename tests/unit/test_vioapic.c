// SPDX-License-Identifier: BSD-2-Clause
// The virtual I/O APIC: its registers as the 82093AA has them, and each pin's interrupt message.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "vioapic_regs.h"

static struct vioapic a;

static uint32_t rd(uint32_t index)
{
	vioapic_regs_write(&a, VIOAPIC_IOREGSEL, index);
	return vioapic_regs_read(&a, VIOAPIC_IOWIN);
}

static void wr(uint32_t index, uint32_t val)
{
	vioapic_regs_write(&a, VIOAPIC_IOREGSEL, index);
	vioapic_regs_write(&a, VIOAPIC_IOWIN, val);
}

static void identity(void **state)
{
	vioapic_regs_reset(&a);
	assert_int_equal(rd(0x01), 0x00170020); /* 24 entries, version 0x20 */
	assert_int_equal(rd(0x00), 0);
	wr(0x00, 0xffffffff);
	assert_int_equal(rd(0x00), 0x0f000000); /* only ID bits 27:24 */
	assert_int_equal(rd(0x02), 0x0f000000);
	assert_int_equal(vioapic_regs_read(&a, VIOAPIC_IOREGSEL), 0x02); /* the last index */
	assert_int_equal(rd(0x40), 0);					 /* past the table */
	assert_int_equal(vioapic_regs_read(&a, 0x20), 0);
}

static void redirection_entries(void **state)
{
	uint32_t lo, hi;

	vioapic_regs_reset(&a);
	for (unsigned int pin = 0; pin < VIOAPIC_PINS; pin++) {
		assert_int_equal(rd(0x10 + 2 * pin), 0x10000); /* masked at power-on */
		assert_false(vioapic_message(&a, pin, &lo, &hi));
	}
	wr(0x10 + 2 * 4, 0xffffffff);
	assert_int_equal(rd(0x10 + 2 * 4), 0x1afff); /* delivery status, remote IRR: the chip's */
	wr(0x11 + 2 * 4, 0xffffffff);
	assert_int_equal(rd(0x11 + 2 * 4), 0xff000000);
	assert_false(vioapic_message(&a, 4, &lo, &hi));
	wr(0x10 + 2 * 4, 0x0831); /* vector 0x31, fixed, logical, edge, unmasked */
	wr(0x11 + 2 * 4, 0x02000000);
	assert_true(vioapic_message(&a, 4, &lo, &hi));
	assert_int_equal(lo, 0x4831); /* asserted, as an ICR low */
	assert_int_equal(hi, 0x02000000);
	wr(0x10 + 2 * 23, 0x0433); /* NMI delivery keeps its mode */
	assert_true(vioapic_message(&a, 23, &lo, &hi));
	assert_int_equal(lo, 0x4433);
	assert_false(vioapic_message(&a, 24, &lo, &hi));
	assert_int_equal(rd(0x10 + 2 * 24), 0); /* no pin 24 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(identity),
	    cmocka_unit_test(redirection_entries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
