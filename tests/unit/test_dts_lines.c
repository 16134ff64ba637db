// SPDX-License-Identifier: BSD-2-Clause
// Source positions from dtc's annotated output, as bulkhead-mkimage check reports them.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dts_lines.h"

/* What dtc 1.6 prints with -O dts -T -T for a file with a later override block. */
static const char annotated[] =
    "/dts-v1/;\n"
    "\n"
    "/ { /* t.dts:2:3-14:3, t.dts:15:3-15:42 */\n"
    "\n"
    "\thypervisor { /* t.dts:3:13-5:4 */\n"
    "\t\tcpu-vendor = \"svm\"; /* t.dts:4:3-4:22 */\n"
    "\t}; /* t.dts:3:13-5:4 */\n"
    "\n"
    "\tpartitions { /* t.dts:6:13-13:4, t.dts:15:16-15:39 */\n"
    "\n"
    "\t\tlbl: a { /* t.dts:7:5-12:5, t.dts:15:20-15:36 */\n"
    "\t\t\tcpus = <0x02>; /* t.dts:15:22-15:33 */\n"
    "\n"
    "\t\t\tmemory@0 { /* inc/mem.dtsi:9:13-11:6 */\n"
    "\t\t\t\tsize = /bits/ 64 <0x100000>; /* inc/mem.dtsi:10:5-10:33 */\n"
    "\t\t\t}; /* inc/mem.dtsi:9:13-11:6 */\n"
    "\t\t}; /* t.dts:7:5-12:5, t.dts:15:20-15:36 */\n"
    "\t}; /* t.dts:6:13-13:4, t.dts:15:16-15:39 */\n"
    "}; /* t.dts:2:3-14:3, t.dts:15:3-15:42 */\n";

static void expect(const struct dts_map *m, const char *path, const char *prop, const char *file,
		   unsigned int line)
{
	const struct dts_pos *p = dts_map_find(m, path, prop);

	assert_non_null(p);
	assert_string_equal(p->file, file);
	assert_int_equal(p->line, line);
}

static void finds_properties_nodes_and_parents(void **state)
{
	struct dts_map m = {0};

	assert_int_equal(dts_map_parse(&m, annotated), 0);
	expect(&m, "/hypervisor", "cpu-vendor", "t.dts", 4);
	expect(&m, "/partitions/a", "cpus", "t.dts", 15);		  /* the override */
	expect(&m, "/partitions/a/memory@0", "size", "inc/mem.dtsi", 10); /* an include */
	expect(&m, "/partitions/a", "", "t.dts", 7);			  /* label skipped */
	expect(&m, "/hypervisor", "log-level", "t.dts", 3);		  /* missing: its node */
	expect(&m, "/partitions/a/image", "", "t.dts", 7);		  /* missing node: parent */
	expect(&m, "/", "", "t.dts", 2);
	dts_map_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(finds_properties_nodes_and_parents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
