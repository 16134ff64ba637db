// SPDX-License-Identifier: BSD-2-Clause
// The doorbell rate limiter: a burst, then one per period; idle time buys no bigger burst.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "token_bucket.h"

static unsigned int takes(struct token_bucket *b, uint64_t now, unsigned int tries)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < tries; i++)
		n += tb_take(b, now);
	return n;
}

static void burst_then_empty(void **state)
{
	struct token_bucket b;

	tb_init(&b, 1000, 100, 4);
	assert_int_equal(takes(&b, 1000, 10), 4);
	assert_false(tb_take(&b, 1099));
	assert_true(tb_take(&b, 1100));
	assert_false(tb_take(&b, 1100));
}

/* A storm of calls gets at most burst + elapsed / period tokens, whatever the call pattern. */
static void storm_is_bounded(void **state)
{
	struct token_bucket b;
	unsigned int got = 0;
	uint64_t t;

	tb_init(&b, 0, 50, 4);
	for (t = 0; t <= 100000; t += 7)
		got += tb_take(&b, t);
	assert_int_equal(got, 4 + (t - 7) / 50);
}

static void remainder_keeps_counting(void **state)
{
	struct token_bucket b;

	tb_init(&b, 0, 100, 2);
	assert_int_equal(takes(&b, 0, 2), 2);
	assert_true(tb_take(&b, 150));
	/* The 50 cycles past the first period count toward the next token. */
	assert_false(tb_take(&b, 199));
	assert_true(tb_take(&b, 200));
}

static void idle_time_does_not_grow_the_burst(void **state)
{
	struct token_bucket b;

	tb_init(&b, 0, 10, 3);
	assert_int_equal(takes(&b, 1000000, 100), 3);
	assert_false(tb_take(&b, 1000009));
	assert_true(tb_take(&b, 1000010));
}

static void time_going_backwards_adds_nothing(void **state)
{
	struct token_bucket b;

	tb_init(&b, 5000, 100, 2);
	assert_int_equal(takes(&b, 5000, 2), 2);
	assert_false(tb_take(&b, 100));
	assert_false(tb_take(&b, 5099));
	assert_true(tb_take(&b, 5100));
}

static void period_from_rate(void **state)
{
	assert_int_equal(tb_period(2000000, 20000), 100000);
	assert_int_equal(tb_period(1, 20000), 1); /* never 0: no division by zero later */
	assert_int_equal(tb_period(1000, 0), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(burst_then_empty),
	    cmocka_unit_test(storm_is_bounded),
	    cmocka_unit_test(remainder_keeps_counting),
	    cmocka_unit_test(idle_time_does_not_grow_the_burst),
	    cmocka_unit_test(time_going_backwards_adds_nothing),
	    cmocka_unit_test(period_from_rate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
