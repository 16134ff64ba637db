// SPDX-License-Identifier: BSD-2-Clause
// The virtual 16550A as a stock driver probes and drives it, and its interrupt line's edges.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vuart.h"

static char sent[64];
static unsigned int nsent;
static struct vuart u;

static void tx(void *ctx, char c)
{
	(void)ctx;
	if (nsent < sizeof(sent))
		sent[nsent++] = c;
}

static uint8_t in(unsigned int reg)
{
	uint8_t v;

	vuart_read(&u, reg, &v);
	return v;
}

static bool out(unsigned int reg, uint8_t v)
{
	return vuart_write(&u, reg, v, tx, NULL);
}

static int fresh(void **state)
{
	memset(&u, 0xa5, sizeof(u)); /* power-on keeps only the divisor */
	vuart_reset(&u);
	nsent = 0;
	return 0;
}

/* What Linux's 8250 autoconfig does before it believes in a UART. */
static void driver_probes(void **state)
{
	out(7, 0x5a); /* scratch */
	assert_int_equal(in(7), 0x5a);
	out(1, 0);
	assert_int_equal(in(1), 0);
	out(1, 0xff); /* only the four enables exist (no XScale UUE bit) */
	assert_int_equal(in(1), 0x0f);
	out(1, 0);
	out(4, 0x10 | 0x0a); /* loopback, OUT2 and RTS: DCD and CTS come back */
	assert_int_equal(in(6) & 0xf0, 0x90);
	out(4, 0);
	assert_int_equal(in(6), 0xb0); /* outside loopback: a terminal that is there */
	assert_int_equal(in(2), 0x01); /* FIFOs off: no interrupt */
	out(2, 0x01);
	assert_int_equal(in(2) & 0xc0, 0xc0); /* 16550A */
	out(3, 0x80);			      /* DLAB: the divisor latch at 0 and 1 */
	out(0, 0x01);
	out(1, 0x00);
	assert_int_equal(in(0), 0x01);
	out(3, 0x03);
	assert_int_equal(in(3), 0x03);
	assert_int_equal(in(5), 0x60); /* THRE and TEMT, always */
	assert_int_equal(nsent, 0);
}

/* Linux's THRE test: enabling THRI with the holder empty asserts it, each time. */
static void thre_reasserted(void **state)
{
	out(1, 0x02);
	assert_int_equal(in(2), 0x02);
	assert_int_equal(in(2), 0x01); /* reading IIR cleared it */
	out(1, 0);
	out(1, 0x02);
	assert_int_equal(in(2), 0x02);
}

/* The line, through OUT2: an edge when THRI is enabled, none while it stays high, a new one
 * after IIR was read and a byte went out. */
static void edges(void **state)
{
	assert_false(out(1, 0x02)); /* OUT2 clear: the line stays low */
	assert_true(out(4, 0x08));  /* OUT2 set with THRE pending: rising edge */
	assert_false(out(0, 'a'));  /* still high: no new edge */
	in(2);			    /* the handler reads IIR: low */
	assert_false(u.irq);
	assert_true(out(0, 'b')); /* sent at once: empty again, a new edge */
	assert_int_equal(nsent, 2);
	assert_int_equal(memcmp(sent, "ab", 2), 0);
	assert_false(out(1, 0)); /* disabled: low */
	assert_false(u.irq);
}

static void loopback(void **state)
{
	out(4, 0x18); /* loopback with OUT2: the line is disconnected */
	out(1, 0x03);
	assert_false(out(0, 'x'));
	assert_int_equal(nsent, 0); /* nothing leaves in loopback */
	assert_int_equal(in(5) & 0x01, 0x01);
	assert_int_equal(in(2), 0x04); /* received data outranks THRE */
	assert_int_equal(in(0), 'x');
	assert_int_equal(in(5) & 0x01, 0);
	assert_false(u.irq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(driver_probes, fresh),
	    cmocka_unit_test_setup(thre_reasserted, fresh),
	    cmocka_unit_test_setup(edges, fresh),
	    cmocka_unit_test_setup(loopback, fresh),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
