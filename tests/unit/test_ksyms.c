// SPDX-License-Identifier: BSD-2-Clause
// Stack-trace symbol lookup: the enclosing function of an address, edges and empty tables.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ksyms.h"

static const struct ksym table[] = {
    {0x200000, "_start32"},
    {0x200100, "kmain"},
    {0x200180, "panic"},
    {0x200400, "cpu_park"},
};
#define COUNT (sizeof(table) / sizeof(table[0]))

static void finds_enclosing_symbol(void **state)
{
	assert_string_equal(ksym_lookup(table, COUNT, 0x200000)->name, "_start32");
	assert_string_equal(ksym_lookup(table, COUNT, 0x2000ff)->name, "_start32");
	assert_string_equal(ksym_lookup(table, COUNT, 0x200100)->name, "kmain");
	assert_string_equal(ksym_lookup(table, COUNT, 0x2003ff)->name, "panic");
	assert_string_equal(ksym_lookup(table, COUNT, 0x200fff)->name, "cpu_park");
}

static void below_first_or_empty_is_unknown(void **state)
{
	assert_null(ksym_lookup(table, COUNT, 0x1fffff));
	assert_null(ksym_lookup(table, 0, 0x200000));
}

static void every_entry_is_found_at_its_own_address(void **state)
{
	for (size_t i = 0; i < COUNT; i++)
		assert_ptr_equal(ksym_lookup(table, COUNT, table[i].addr), &table[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(finds_enclosing_symbol),
	    cmocka_unit_test(below_first_or_empty_is_unknown),
	    cmocka_unit_test(every_entry_is_found_at_its_own_address),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
