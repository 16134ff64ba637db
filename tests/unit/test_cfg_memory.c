// SPDX-License-Identifier: BSD-2-Clause
// Memory rules: page alignment, zero size, wrapping, overlap in guest and host space.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cfg_fixture.h"

#define A_MEM(props) "/ { partitions { a { memory@0 { " props " }; }; }; };"

static void second_region_beside_the_first(void **state)
{
	assert_cfg("/ { partitions { a { memory@200000 { guest-address = <0x200000>; "
		   "size = <0x1000>; access = \"rw\"; }; }; }; };",
		   "");
}

static void zero_size(void **state)
{
	assert_cfg(A_MEM("size = <0>;"), "/partitions/a/memory@0: size: must not be zero\n"
					 "/partitions/a/image: entry: 0x1000 is not in executable "
					 "memory of this partition\n");
}

static void misaligned(void **state)
{
	assert_cfg("/ { partitions { a { memory@0 { size = <0x1800>; host-address = <0x20000800>; "
		   "}; }; }; };",
		   "/partitions/a/memory@0: size: 0x1800 is not a multiple of 4 KiB\n"
		   "/partitions/a/memory@0: host-address: 0x20000800 is not 4 KiB aligned\n");
	assert_cfg("/ { partitions { a { memory@0 { /delete-property/ guest-address; }; "
		   "memory@10 { guest-address = <0x10>; size = <0x1000>; }; }; }; };",
		   "/partitions/a/memory@0: guest-address: required property is missing\n");
}

static void misaligned_guest_address(void **state)
{
	assert_cfg("/ { partitions { a { memory@10 { guest-address = <0x10>; size = <0x1000>; "
		   "}; }; }; };",
		   "/partitions/a/memory@10: guest-address: 0x10 is not 4 KiB aligned\n");
}

static void wrapping_range(void **state)
{
	assert_cfg("/ { partitions { a { memory@fffffffffffff000 { "
		   "guest-address = <0xffffffff 0xfffff000>; size = <0x2000>; }; }; }; };",
		   "/partitions/a/memory@fffffffffffff000: size: guest range 0xfffffffffffff000 + "
		   "0x2000 wraps past the 64-bit address space\n");
}

static void guest_overlap(void **state)
{
	assert_cfg("/ { partitions { a { memory@100000 { guest-address = <0x100000>; "
		   "size = <0x200000>; }; }; }; };",
		   "/partitions/a/memory@100000: guest-address: guest range 0x100000-0x2fffff "
		   "overlaps memory@0 (0x0-0x1fffff)\n");
}

static void host_overlap_between_partitions(void **state)
{
	assert_cfg(A_MEM("host-address = <0x10200000>;"),
		   "/partitions/b/memory@0: host-address: host range 0x10000000-0x103fffff "
		   "overlaps /partitions/a/memory@0 (0x10200000-0x103fffff)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(second_region_beside_the_first),
	    cmocka_unit_test(zero_size),
	    cmocka_unit_test(misaligned),
	    cmocka_unit_test(misaligned_guest_address),
	    cmocka_unit_test(wrapping_range),
	    cmocka_unit_test(guest_overlap),
	    cmocka_unit_test(host_overlap_between_partitions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
