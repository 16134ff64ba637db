// SPDX-License-Identifier: BSD-2-Clause
// The firmware-area rule: a partition needs a writable region of at least 64 KiB for its ACPI
// tables and boot information (partitions/check_memory.c, placed by partitions/memmap.c).

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cfg_fixture.h"

#define A_MEM0(props) "/ { partitions { a { memory@0 { " props " }; }; }; };"
#define NO_ROOM                                                                                 \
	"/partitions/a: no writable memory region of at least 64 KiB for the partition's ACPI " \
	"tables and boot information\n"

static void base_has_room(void **state)
{
	assert_cfg("", "");
}

static void exactly_64k_is_enough(void **state)
{
	assert_cfg(A_MEM0("size = <0x10000>;"), "");
}

static void smaller_is_refused(void **state)
{
	assert_cfg(A_MEM0("size = <0xf000>;"), NO_ROOM);
}

static void read_only_memory_does_not_count(void **state)
{
	assert_cfg(A_MEM0("access = \"rx\";"), NO_ROOM);
}

static void a_second_writable_region_gives_room(void **state)
{
	assert_cfg("/ { partitions { a { memory@0 { access = \"rx\"; }; "
		   "memory@1000000 { guest-address = <0x1000000>; size = <0x10000>; "
		   "access = \"rw\"; }; }; }; };",
		   "");
}

static void small_regions_do_not_add_up(void **state)
{
	assert_cfg("/ { partitions { a { memory@0 { size = <0x8000>; }; "
		   "memory@8000 { guest-address = <0x8000>; size = <0x8000>; }; }; }; };",
		   NO_ROOM);
}

/* A broken region is reported once, not again as missing room. */
static void broken_region_reported_alone(void **state)
{
	assert_cfg(A_MEM0("size = <0x1800>;"),
		   "/partitions/a/memory@0: size: 0x1800 is not a multiple of 4 KiB\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(base_has_room),
	    cmocka_unit_test(exactly_64k_is_enough),
	    cmocka_unit_test(smaller_is_refused),
	    cmocka_unit_test(read_only_memory_does_not_count),
	    cmocka_unit_test(a_second_writable_region_gives_room),
	    cmocka_unit_test(small_regions_do_not_add_up),
	    cmocka_unit_test(broken_region_reported_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
