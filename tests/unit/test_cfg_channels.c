// SPDX-License-Identifier: BSD-2-Clause
// Channel rules: known partitions, a writer that does not read, page-sized, valid doorbell.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cfg_fixture.h"

#define C(props) "/ { channels { c { " props " }; }; };"

static void doorbell_channel_is_accepted(void **state)
{
	assert_cfg(C("doorbell-vector = <0x40>; size = <0x2000>;"), "");
	assert_int_equal(cfg_last_desc()->chan[0].doorbell, 0x40);
}

static void unknown_partition(void **state)
{
	assert_cfg(C("readers = \"bb\";"),
		   "/channels/c: readers: \"bb\" is not a partition (did you mean \"b\"?)\n");
	assert_cfg(C("writer = \"linux\";"), "/channels/c: writer: \"linux\" is not a partition\n");
}

static void writer_is_no_reader(void **state)
{
	assert_cfg(C("readers = \"b\", \"a\";"),
		   "/channels/c: readers: \"a\" is the writer; it cannot also be a reader\n");
	assert_cfg(C("readers = \"b\", \"b\";"), "/channels/c: readers: \"b\" is listed twice\n");
}

static void size_rules(void **state)
{
	assert_cfg(C("size = <0>;"), "/channels/c: size: must not be zero\n");
	assert_cfg(C("size = <0x1800>;"), "/channels/c: size: 0x1800 is not a multiple of 4 KiB\n");
}

static void doorbell_vector_range(void **state)
{
	assert_cfg(C("doorbell-vector = <14>;"),
		   "/channels/c: doorbell-vector: vector 14 is not in 32-255 (0-31 are "
		   "exceptions)\n");
}

static void guest_address_is_required(void **state)
{
	assert_cfg(C("/delete-property/ guest-address;"),
		   "/channels/c: guest-address: required property is missing\n");
}

static void guest_address_alignment_and_wrap(void **state)
{
	assert_cfg(C("guest-address = <0x80000800>;"),
		   "/channels/c: guest-address: 0x80000800 is not 4 KiB aligned\n");
	assert_cfg(C("guest-address = <0xffffffff 0xfffff000>; size = <0x2000>;"),
		   "/channels/c: guest-address: guest range 0xfffffffffffff000 + 0x2000 wraps past "
		   "the 64-bit address space\n");
}

/* Writer "a" has 2 MiB at 0, reader "b" 4 MiB at 0: each partition's regions count. */
static void guest_address_outside_every_mapping_partition(void **state)
{
	assert_cfg(C("guest-address = <0x100000>;"),
		   "/channels/c: guest-address: guest range 0x100000-0x100fff overlaps "
		   "/partitions/a/memory@0 (0x0-0x1fffff)\n"
		   "/channels/c: guest-address: guest range 0x100000-0x100fff overlaps "
		   "/partitions/b/memory@0 (0x0-0x3fffff)\n");
	assert_cfg(C("guest-address = <0x300000>;"),
		   "/channels/c: guest-address: guest range 0x300000-0x300fff overlaps "
		   "/partitions/b/memory@0 (0x0-0x3fffff)\n");
	assert_cfg("/ { partitions { b { mmio = <0x0 0x90000000 0x0 0x1000>; }; }; "
		   "channels { c { guest-address = <0x90000000>; }; }; };",
		   "/channels/c: guest-address: guest range 0x90000000-0x90000fff overlaps mmio "
		   "0x90000000-0x90000fff of /partitions/b\n");
}

static void guest_address_not_on_interrupt_controllers(void **state)
{
	assert_cfg(C("guest-address = <0xfec00000>;"),
		   "/channels/c: guest-address: guest range 0xfec00000-0xfec00fff overlaps the I/O "
		   "APIC page at 0xfec00000\n");
	assert_cfg(
	    C("guest-address = <0xfed00000>; size = <0x200000>;"),
	    "/channels/c: guest-address: guest range 0xfed00000-0xfeefffff overlaps the local "
	    "APIC page at 0xfee00000\n");
}

#define D(props) "/ { channels { d { writer = \"b\"; readers = \"a\"; " props " }; }; };"

/* Two channels a partition maps together must not overlap; partitions apart may reuse. */
static void channels_of_one_partition_do_not_overlap(void **state)
{
	assert_cfg(D("size = <0x1000>; guest-address = <0x80000000>;"),
		   "/channels/d: guest-address: guest range 0x80000000-0x80000fff overlaps "
		   "/channels/c (0x80000000-0x80000fff), which partition \"a\" also maps\n");
	assert_cfg(D("size = <0x1000>; guest-address = <0x80001000>;"), "");
	assert_int_equal(cfg_last_desc()->nchans, 2);
}

static void monitor_is_a_flag(void **state)
{
	assert_cfg("/ { partitions { a { monitor; }; }; };", "");
	assert_true(cfg_last_desc()->part[0].monitor);
	assert_false(cfg_last_desc()->part[1].monitor);
	assert_cfg("/ { partitions { a { monitor = <1>; }; }; };",
		   "/partitions/a: monitor: a flag takes no value: write \"monitor;\" or leave it "
		   "out\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(doorbell_channel_is_accepted),
	    cmocka_unit_test(unknown_partition),
	    cmocka_unit_test(writer_is_no_reader),
	    cmocka_unit_test(size_rules),
	    cmocka_unit_test(doorbell_vector_range),
	    cmocka_unit_test(guest_address_is_required),
	    cmocka_unit_test(guest_address_alignment_and_wrap),
	    cmocka_unit_test(guest_address_outside_every_mapping_partition),
	    cmocka_unit_test(guest_address_not_on_interrupt_controllers),
	    cmocka_unit_test(channels_of_one_partition_do_not_overlap),
	    cmocka_unit_test(monitor_is_a_flag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
