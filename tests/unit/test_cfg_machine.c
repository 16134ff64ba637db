// SPDX-License-Identifier: BSD-2-Clause
// Boot-time rules against the real machine: its CPUs, memory map, reserved ranges and vendor.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cfg_fixture.h"

static void base_fits_the_test_machine(void **state)
{
	assert_cfg_on("", &cfg_test_machine, "");
}

static void cpu_absent_from_the_machine(void **state)
{
	assert_cfg_on(
	    "/ { partitions { b { cpus = <1 7>; }; }; };", &cfg_test_machine,
	    "/partitions/b: cpus: APIC ID 7 is not an online CPU of this machine (online: "
	    "0-3)\n");
}

static void apic_id_list_is_compressed(void **state)
{
	struct machine m = cfg_test_machine;

	m.apic_id[0] = 8;
	m.apic_id[1] = 0;
	m.apic_id[3] = 4; /* 8, 0, 2, 4 */
	assert_cfg_on(
	    "/ { partitions { b { cpus = <2 1>; }; }; };", &m,
	    "/partitions/b: cpus: APIC ID 1 is not an online CPU of this machine (online: "
	    "0, 2, 4, 8)\n");
	m.apic_id[4] = 3;
	m.apic_id[5] = 1;
	m.ncpus = 6; /* 0-4, 8 */
	assert_cfg_on(
	    "/ { partitions { b { cpus = <9>; }; }; };", &m,
	    "/partitions/b: cpus: APIC ID 9 is not an online CPU of this machine (online: "
	    "0-4, 8)\n");
}

static void memory_outside_ram(void **state)
{
	assert_cfg_on(
	    "/ { partitions { b { memory@0 { host-address = <0x40000000>; }; }; }; };",
	    &cfg_test_machine,
	    "/partitions/b/memory@0: host-address: host range 0x40000000-0x403fffff is not "
	    "all available RAM in the memory map (firmware region or hole)\n");
	assert_cfg_on("/ { partitions { b { memory@0 { host-address = <0x0>; }; }; }; };",
		      &cfg_test_machine,
		      "/partitions/b/memory@0: host-address: host range 0x0-0x3fffff is not all "
		      "available RAM in the memory map (firmware region or hole)\n");
}

static void memory_over_the_hypervisor(void **state)
{
	assert_cfg_on("/ { partitions { b { memory@0 { host-address = <0x100000>; }; }; }; };",
		      &cfg_test_machine,
		      "/partitions/b/memory@0: host-address: host range 0x100000-0x4fffff overlaps "
		      "the hypervisor image (0x200000-0x2fffff)\n");
}

static void mmio_over_ram(void **state)
{
	assert_cfg_on("/ { partitions { a { mmio = <0x0 0x200000 0x0 0x1000>, "
		      "<0x0 0xfeb00000 0x0 0x1000>; }; }; };",
		      &cfg_test_machine,
		      "/partitions/a: mmio: MMIO 0x200000-0x200fff is RAM in the memory map, not a "
		      "device\n");
}

static void mmio_over_interrupt_controllers(void **state)
{
	struct machine m = cfg_test_machine;

	m.hvdev[m.nhvdev++] = (struct cfg_reserved){0xfee00000, 0x1000, "the local APIC"};
	m.hvdev[m.nhvdev++] = (struct cfg_reserved){0xfec00000, 0x1000, "IOAPIC 0"};
	assert_cfg_on(
	    "/ { partitions { a { mmio = <0x0 0xfec00000 0x0 0x1000>, "
	    "<0x0 0xfed00000 0x0 0x1000>, <0x0 0xfee00000 0x0 0x100000>; }; }; };",
	    &m,
	    "/partitions/a: mmio: MMIO 0xfec00000-0xfec00fff overlaps IOAPIC 0, which the "
	    "hypervisor keeps\n"
	    "/partitions/a: mmio: MMIO 0xfee00000-0xfeefffff overlaps the local APIC, which "
	    "the hypervisor keeps\n");
}

static void ram_spanning_adjacent_map_entries(void **state)
{
	struct machine m = cfg_test_machine;

	m.ram[1] = (struct cfg_range){0x100000, 0xff00000}; /* to 256 MiB */
	m.ram[2] = (struct cfg_range){0x10000000, 0x100000};
	m.ram[3] = (struct cfg_range){0x10100000, 0x300000};
	m.nram = 4;
	assert_cfg_on("", &m, "");
}

static void vendor_of_the_machine(void **state)
{
	struct machine m = cfg_test_machine;

	m.vendor = CFG_VENDOR_VMX;
	assert_cfg_on(
	    "", &m,
	    "/hypervisor: cpu-vendor: the description expects svm, but this machine's CPU "
	    "has vmx\n");
	m.vendor = CFG_VENDOR_NONE;
	assert_cfg_on(
	    "", &m,
	    "/hypervisor: cpu-vendor: the description expects svm, but this machine's CPU "
	    "has neither vmx nor svm\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(base_fits_the_test_machine),
	    cmocka_unit_test(cpu_absent_from_the_machine),
	    cmocka_unit_test(apic_id_list_is_compressed),
	    cmocka_unit_test(memory_outside_ram),
	    cmocka_unit_test(memory_over_the_hypervisor),
	    cmocka_unit_test(mmio_over_ram),
	    cmocka_unit_test(mmio_over_interrupt_controllers),
	    cmocka_unit_test(ram_spanning_adjacent_map_entries),
	    cmocka_unit_test(vendor_of_the_machine),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
