// SPDX-License-Identifier: BSD-2-Clause
// Reserved machine ranges (/reserved): their shape, and no partition's fixed host memory or MMIO
// on one. The base description's partition b has host memory at 0x10000000-0x103fffff.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cfg_fixture.h"

#define RSV(nodes) "/ { reserved { " nodes " }; };"

static void named_ranges_clear_of_partitions_are_accepted(void **state)
{
	/* Not 4 KiB aligned, as firmware ranges are (the EBDA below 640 KiB). */
	assert_cfg(RSV("ebda@9fc00 { address = <0x0 0x9fc00>; size = <0x400>; }; "
		       "ecam@b0000000 { address = <0x0 0xb0000000>; size = <0x10000000>; };"),
		   "");
}

static void fixed_memory_on_a_reserved_range_is_refused(void **state)
{
	assert_cfg(RSV("acpi-nvs@10200000 { address = <0x0 0x10200000>; size = <0x1000>; };"),
		   "/partitions/b/memory@0: host-address: host memory 0x10000000-0x103fffff "
		   "overlaps the reserved region /reserved/acpi-nvs@10200000 "
		   "(0x10200000-0x10200fff)\n");
}

static void mmio_on_a_reserved_range_is_refused(void **state)
{
	assert_cfg("/ { reserved { hpet@fed00000 { address = <0x0 0xfed00000>; size = <0x400>; }; "
		   "}; partitions { a { mmio = <0x0 0xfed00000 0x0 0x1000>; }; }; };",
		   "/partitions/a: mmio: MMIO 0xfed00000-0xfed00fff overlaps the reserved region "
		   "/reserved/hpet@fed00000 (0xfed00000-0xfed003ff)\n");
}

static void malformed_ranges_are_named(void **state)
{
	assert_cfg(
	    RSV("zero@1000 { address = <0x0 0x1000>; size = <0x0>; }; "
		"wrap@ffffffffffff0000 { address = <0xffffffff 0xffff0000>; "
		"size = <0x0 0x20000>; };"),
	    "/reserved/zero@1000: size: must not be zero\n"
	    "/reserved/wrap@ffffffffffff0000: size: range 0xffffffffffff0000 + 0x20000 wraps "
	    "past the 64-bit address space\n");
}

static void unit_address_and_properties_are_required(void **state)
{
	assert_cfg(RSV("fw@f0000 { address = <0x0 0xe0000>; size = <0x10000>; };"),
		   "/reserved/fw@f0000: address: 0xe0000 does not match the unit address @f0000\n");
	assert_cfg(RSV("fw { address = <0x0 0xe0000>; size = <0x10000>; };"),
		   "/reserved/fw: needs a unit address: <name>@<address in hex>\n");
	assert_cfg(RSV("fw@e0000 { address = <0x0 0xe0000>; };"),
		   "/reserved/fw@e0000: size: required property is missing\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(named_ranges_clear_of_partitions_are_accepted),
	    cmocka_unit_test(fixed_memory_on_a_reserved_range_is_refused),
	    cmocka_unit_test(mmio_on_a_reserved_range_is_refused),
	    cmocka_unit_test(malformed_ranges_are_named),
	    cmocka_unit_test(unit_address_and_properties_are_required),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
