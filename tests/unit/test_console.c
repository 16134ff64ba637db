// SPDX-License-Identifier: BSD-2-Clause
// Console record formatting: prefixes on every line, CRLF, truncation, level names.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "printk.h"

static void single_line_gets_prefix_and_crlf(void **state)
{
	char out[LOG_LINE_MAX];
	size_t n = log_format(out, sizeof(out), 3, LOG_INFO, "online, APIC ID 3");

	assert_string_equal(out, "[cpu3] info: online, APIC ID 3\r\n");
	assert_int_equal(n, strlen(out));
}

static void trailing_newline_adds_no_empty_line(void **state)
{
	char out[LOG_LINE_MAX];

	log_format(out, sizeof(out), 0, LOG_ERR, "boom\n");
	assert_string_equal(out, "[cpu0] error: boom\r\n");
}

static void every_line_of_a_record_is_attributed(void **state)
{
	char out[LOG_LINE_MAX];

	log_format(out, sizeof(out), 12, LOG_WARN, "a\nb\n\nc");
	assert_string_equal(out, "[cpu12] warn: a\r\n[cpu12] warn: b\r\n[cpu12] warn: \r\n"
				 "[cpu12] warn: c\r\n");
}

static void empty_message_is_one_empty_line(void **state)
{
	char out[LOG_LINE_MAX];

	log_format(out, sizeof(out), 0, LOG_DEBUG, "");
	assert_string_equal(out, "[cpu0] debug: \r\n");
}

static void overlong_record_is_cut_and_marked(void **state)
{
	char msg[200], out[64];
	size_t n;

	memset(msg, 'x', sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	n = log_format(out, sizeof(out), 1, LOG_INFO, msg);
	assert_int_equal(n, strlen(out));
	assert_true(n < sizeof(out));
	assert_memory_equal(out, "[cpu1] info: xxx", 16);
	assert_string_equal(out + n - 5, "...\r\n");
}

static void cut_at_a_line_boundary_still_marks(void **state)
{
	char out[48];

	log_format(out, sizeof(out), 0, LOG_INFO, "first line\nsecond line that does not fit");
	assert_non_null(strstr(out, "[cpu0] info: first line\r\n"));
	assert_string_equal(out + strlen(out) - 5, "...\r\n");
}

static void level_names_round_trip(void **state)
{
	enum log_level l;

	for (int i = LOG_ERR; i <= LOG_DEBUG; i++) {
		assert_true(log_level_parse(log_level_name((enum log_level)i), &l));
		assert_int_equal(l, i);
	}
	assert_false(log_level_parse("verbose", &l));
	assert_false(log_level_parse("", &l));
	assert_string_equal(log_level_name((enum log_level)42), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(single_line_gets_prefix_and_crlf),
	    cmocka_unit_test(trailing_newline_adds_no_empty_line),
	    cmocka_unit_test(every_line_of_a_record_is_attributed),
	    cmocka_unit_test(empty_message_is_one_empty_line),
	    cmocka_unit_test(overlong_record_is_cut_and_marked),
	    cmocka_unit_test(cut_at_a_line_boundary_still_marks),
	    cmocka_unit_test(level_names_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
