// SPDX-License-Identifier: BSD-2-Clause
// The watchdog deadline: armed at (re)start, moved by kicks, missed once the period passes.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "watchdog.h"

static void missed_period_expires(void **state)
{
	struct watchdog w;

	wd_arm(&w, 1000, 5000);
	assert_false(wd_expired(&w, 5999));
	assert_int_equal(wd_left(&w, 5999), 1);
	assert_true(wd_expired(&w, 6000));
	assert_int_equal(wd_left(&w, 7000), 0);
}

static void kicks_move_the_deadline(void **state)
{
	struct watchdog w;

	wd_arm(&w, 1000, 0);
	for (uint64_t t = 900; t < 100000; t += 900) {
		assert_false(wd_expired(&w, t));
		wd_kick(&w, t);
	}
	assert_false(wd_expired(&w, 99899));
	assert_true(wd_expired(&w, 100000 + 1000));
}

/* Two CPUs of one partition kick with TSC readings in either order: the later one wins. */
static void a_stale_kick_never_moves_it_earlier(void **state)
{
	struct watchdog w;

	wd_arm(&w, 1000, 0);
	wd_kick(&w, 800);
	wd_kick(&w, 500);
	assert_false(wd_expired(&w, 1799));
	assert_true(wd_expired(&w, 1800));
}

static void disarmed_never_expires(void **state)
{
	struct watchdog w;

	wd_arm(&w, 0, 0);
	wd_kick(&w, 10);
	assert_false(wd_expired(&w, UINT64_MAX));
	assert_int_equal(wd_left(&w, 0), UINT64_MAX);
}

static void periods_saturate(void **state)
{
	struct watchdog w;

	assert_int_equal(wd_period(100, 2000000), 200000000);
	assert_int_equal(wd_period(UINT32_MAX, UINT64_MAX / 2), UINT64_MAX);
	assert_int_equal(wd_period(0, 1000), 0);
	wd_arm(&w, UINT64_MAX, 10);
	assert_false(wd_expired(&w, UINT64_MAX - 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(missed_period_expires),
	    cmocka_unit_test(kicks_move_the_deadline),
	    cmocka_unit_test(a_stale_kick_never_moves_it_earlier),
	    cmocka_unit_test(disarmed_never_expires),
	    cmocka_unit_test(periods_saturate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
