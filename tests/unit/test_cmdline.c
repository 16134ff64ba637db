// SPDX-License-Identifier: BSD-2-Clause
// Command-line lookup: exact keys, last one wins, bare flags, values that do not fit.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cmdline.h"

static void finds_values_by_exact_key(void **state)
{
	char v[16];

	assert_true(cmdline_get("loglevel=debug console=0x2f8", "console", v, sizeof(v)));
	assert_string_equal(v, "0x2f8");
	assert_true(cmdline_get("  loglevel=debug\tconsole=none ", "loglevel", v, sizeof(v)));
	assert_string_equal(v, "debug");
	/* A key that only starts like another is a different key. */
	assert_false(cmdline_get("consoles=1 xconsole=2", "console", v, sizeof(v)));
}

static void last_occurrence_wins(void **state)
{
	char v[16];

	assert_true(cmdline_get("loglevel=info loglevel=warn", "loglevel", v, sizeof(v)));
	assert_string_equal(v, "warn");
}

static void bare_key_and_empty_value(void **state)
{
	char v[16] = "junk";

	assert_true(cmdline_get("quiet", "quiet", v, sizeof(v)));
	assert_string_equal(v, "");
	assert_true(cmdline_get("x= y", "x", v, sizeof(v)));
	assert_string_equal(v, "");
}

static void absent_null_and_too_long(void **state)
{
	char v[4];

	assert_false(cmdline_get(NULL, "a", v, sizeof(v)));
	assert_false(cmdline_get("", "a", v, sizeof(v)));
	assert_false(cmdline_get("a=1234", "a", v, sizeof(v)));
	assert_true(cmdline_get("a=123", "a", v, sizeof(v)));
	assert_string_equal(v, "123");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(finds_values_by_exact_key),
	    cmocka_unit_test(last_occurrence_wins),
	    cmocka_unit_test(bare_key_and_empty_value),
	    cmocka_unit_test(absent_null_and_too_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
