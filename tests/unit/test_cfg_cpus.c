// SPDX-License-Identifier: BSD-2-Clause
// CPU rules: each APIC ID dedicated to exactly one partition, each listed once.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cfg_fixture.h"

static void distinct_cpus_are_accepted(void **state)
{
	assert_cfg("/ { partitions { a { cpus = <0 3>; }; }; };", "");
}

static void cpu_in_two_partitions(void **state)
{
	assert_cfg("/ { partitions { b { cpus = <1 0>; }; }; };",
		   "/partitions/b: cpus: APIC ID 0 is already dedicated to /partitions/a\n");
}

static void cpu_listed_twice(void **state)
{
	assert_cfg("/ { partitions { a { cpus = <3 3>; }; }; };",
		   "/partitions/a: cpus: APIC ID 3 is listed twice\n");
}

static void too_many_cpus(void **state)
{
	assert_cfg("/ { partitions { a { cpus = <0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 "
		   "20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 "
		   "46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64>; }; }; };",
		   "/partitions/a: cpus: more than 64 entries (the limit)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(distinct_cpus_are_accepted),
	    cmocka_unit_test(cpu_in_two_partitions),
	    cmocka_unit_test(cpu_listed_twice),
	    cmocka_unit_test(too_many_cpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
