// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of the TODO-comment finder behind check's warnings.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "dts_todo.h"

static char seen[512];

static void collect(void *ctx, unsigned line, const char *todo)
{
	size_t used = strlen(seen);

	snprintf(seen + used, sizeof(seen) - used, "%u:%s|", line, todo);
}

static void test_finds_block_and_line_comments(void **state)
{
	const char *dts = "/dts-v1/;\n"
			  "/ {\n"
			  "\t/* TODO: name the console */\n"
			  "\tmodel = \"x\"; // TODO: a model\n"
			  "\t/*\n\t * TODO: not at the start: a note inside a comment\n\t */\n"
			  "\t/*   TODO: spans\n\t   two lines */\n"
			  "\t/* todo: lower case is not one */\n"
			  "};\n";

	seen[0] = '\0';
	assert_int_equal(dts_todos(dts, collect, NULL), 3);
	assert_string_equal(seen, "3:TODO: name the console|4:TODO: a model|8:TODO: spans|");
}

static void test_strings_are_not_comments(void **state)
{
	const char *dts = "/ {\n\tcmdline = \"a /* TODO: no \\\" */\";\n\tx = \"//TODO: no\";\n"
			  "\t/* TODO: yes */ };\n";

	seen[0] = '\0';
	assert_int_equal(dts_todos(dts, collect, NULL), 1);
	assert_string_equal(seen, "4:TODO: yes|");
}

static void test_unterminated_comment(void **state)
{
	seen[0] = '\0';
	assert_int_equal(dts_todos("/ {};\n/* TODO: never closed", collect, NULL), 1);
	assert_string_equal(seen, "2:TODO: never closed|");
	assert_int_equal(dts_todos("/", collect, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_finds_block_and_line_comments),
	    cmocka_unit_test(test_strings_are_not_comments),
	    cmocka_unit_test(test_unterminated_comment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
