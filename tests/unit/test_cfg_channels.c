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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(doorbell_channel_is_accepted), cmocka_unit_test(unknown_partition),
	    cmocka_unit_test(writer_is_no_reader),	    cmocka_unit_test(size_rules),
	    cmocka_unit_test(doorbell_vector_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
