// SPDX-License-Identifier: BSD-2-Clause
// The partition table the hypervisor prints at boot, line by line.

#include <stdio.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cfg_fixture.h"

static char out[4096];

static void collect(void *ctx, const char *line)
{
	strcat(out, line);
	strcat(out, "\n");
}

static void table_of_the_base_description(void **state)
{
	assert_cfg(
	    "/ { partitions { b { ioports = <0x60 1>; irqs = <1>; nested = \"svm\"; "
	    "pci-devices = \"00:03.0\"; on-fault = \"restart\"; watchdog-ms = <50>; "
	    "image { cmdline = \"quiet\"; }; }; }; channels { c { doorbell-vector = <64>; }; "
	    "}; };",
	    "");
	out[0] = '\0';
	cfg_print_table(cfg_last_desc(), collect, NULL);
	assert_string_equal(
	    out,
	    "2 partitions, 1 channels; hypervisor on svm, console 0x3f8\n"
	    "partition a: APIC IDs 0; nested none; on-fault halt\n"
	    "  memory@0: guest 0x0 -> placed by Bulkhead, 2048 KiB, rwx\n"
	    "  image: a.elf, protocol raw64, entry 0x1000\n"
	    "  console: virtual, lines prefixed \"a: \"\n"
	    "  devices: none\n"
	    "partition b: APIC IDs 1, 2; nested svm; on-fault restart (limit 3); watchdog 50 ms\n"
	    "  memory@0: guest 0x0 -> host 0x10000000, 4096 KiB, rwx\n"
	    "  image: b.elf, protocol multiboot2, cmdline \"quiet\"\n"
	    "  console: virtual, lines prefixed \"b: \"\n"
	    "  devices: ports 0x60-0x60; pci 00:03.0; irq 1\n"
	    "channel c: 4 KiB at guest 0x80000000, writer a, readers b; doorbell vector 64\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(table_of_the_base_description),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
