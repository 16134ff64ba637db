// SPDX-License-Identifier: BSD-2-Clause
// Device rules: port ranges, UARTs, MMIO, PCI functions and IRQ lines each have one owner.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cfg_fixture.h"

#define A(props) "/ { partitions { a { " props " }; }; };"
#define AB(a, b) "/ { partitions { a { " a " }; b { " b " }; }; };"

static void disjoint_devices_are_accepted(void **state)
{
	assert_cfg(AB("ioports = <0x60 1 0x300 0x20>; irqs = <1>; pci-devices = \"00:1f.2\"; "
		      "mmio = <0 0xfed00000 0 0x1000>; console = \"passthrough\"; "
		      "console-port = <0x2f8>;",
		      "ioports = <0x71 1>; irqs = <8>; pci-devices = \"00:1f.3\"; "
		      "mmio = <0 0xfed01000 0 0x1000>;"),
		   "");
}

static void port_range_claimed_twice(void **state)
{
	assert_cfg(
	    AB("ioports = <0x300 0x20>;", "ioports = <0x310 1>;"),
	    "/partitions/b: ioports: ports 0x310-0x310 are already assigned to /partitions/a\n");
}

static void machine_wide_ports_are_nobodys(void **state)
{
	assert_cfg(A("ioports = <0x60 8>;"),
		   "/partitions/a: ioports: ports 0x60-0x67 include 0x64: the i8042 command port "
		   "(it can reset the machine) is machine-wide\n");
	assert_cfg(
	    A("ioports = <0xcf8 4 0x70 2 0x92 1>;"),
	    "/partitions/a: ioports: ports 0xcf8-0xcfb include 0xcf8: PCI configuration of "
	    "every function (0xcf9 resets the machine) is machine-wide\n"
	    "/partitions/a: ioports: ports 0x70-0x71 include 0x70: the CMOS index (bit 7 masks "
	    "NMIs on every CPU) is machine-wide\n"
	    "/partitions/a: ioports: ports 0x92-0x92 include 0x92: system control port A "
	    "(fast reset) is machine-wide\n");
	assert_cfg(A("ioports = <0x0 0x10000>;"),
		   "/partitions/a: ioports: ports 0x0-0xffff include 0x20: the master PIC (legacy "
		   "interrupts of every CPU) is machine-wide\n");
}

static void reset_register_is_nobodys(void **state)
{
	assert_cfg(A("ioports = <0x5f8 0x10>;"),
		   "/partitions/a: ioports: ports 0x5f8-0x607 include 0x600: every partition's "
		   "virtual reset register\n");
}

static void port_range_zero_or_too_far(void **state)
{
	assert_cfg(A("ioports = <0x60 0 0xfff0 0x20>;"),
		   "/partitions/a: ioports: ports 0x60 + 0: size must not be zero\n"
		   "/partitions/a: ioports: ports 0xfff0 + 0x20 run past 0xffff\n");
}

static void hypervisor_console_is_taken(void **state)
{
	assert_cfg(A("ioports = <0x3f8 8>;"),
		   "/partitions/a: ioports: ports 0x3f8-0x3ff are already assigned to the "
		   "hypervisor console (/hypervisor console-port)\n");
}

static void passthrough_uart_claimed_twice(void **state)
{
	assert_cfg(AB("console = \"passthrough\"; console-port = <0x2f8>;", "ioports = <0x2f8 8>;"),
		   "/partitions/b: ioports: ports 0x2f8-0x2ff are already assigned to "
		   "/partitions/a\n");
}

static void console_port_needs_passthrough(void **state)
{
	assert_cfg(A("console = \"passthrough\";"),
		   "/partitions/a: console-port: required with console = \"passthrough\"\n");
	assert_cfg(A("console-port = <0x2f8>;"),
		   "/partitions/a: console-port: only meaningful with console = \"passthrough\"\n");
}

static void mmio_claimed_twice_or_misaligned(void **state)
{
	assert_cfg(AB("mmio = <0 0xfe000000 0 0x2000>;", "mmio = <0 0xfe001000 0 0x1000>;"),
		   "/partitions/b: mmio: MMIO 0xfe001000-0xfe001fff is already assigned to "
		   "/partitions/a\n");
	assert_cfg(A("mmio = <0 0xfe000800 0 0x1000>;"),
		   "/partitions/a: mmio: MMIO 0xfe000800 + 0x1000 is not 4 KiB aligned (pages are "
		   "the unit of passthrough)\n");
	assert_cfg(A("mmio = <0 0xfe000000 0 0>;"),
		   "/partitions/a: mmio: MMIO 0xfe000000 + 0: size must not be zero\n");
}

static void mmio_over_own_memory(void **state)
{
	assert_cfg(A("mmio = <0 0x1ff000 0 0x2000>;"),
		   "/partitions/a: mmio: MMIO 0x1ff000-0x200fff overlaps the guest range of "
		   "memory@0 (MMIO is mapped at its host address)\n");
}

static void pci_function_claimed_twice(void **state)
{
	assert_cfg(AB("pci-devices = \"01:00.0\";", "pci-devices = \"1:0.0\";"),
		   "/partitions/b: pci-devices: 01:00.0 is already assigned to /partitions/a\n");
}

static void irq_claimed_twice_or_not_legacy(void **state)
{
	assert_cfg(AB("irqs = <4>;", "irqs = <3 4>;"),
		   "/partitions/b: irqs: IRQ 4 is already assigned to /partitions/a\n");
	assert_cfg(A("irqs = <16>;"), "/partitions/a: irqs: IRQ 16 is not a legacy line (0-15)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(disjoint_devices_are_accepted),
	    cmocka_unit_test(port_range_claimed_twice),
	    cmocka_unit_test(machine_wide_ports_are_nobodys),
	    cmocka_unit_test(reset_register_is_nobodys),
	    cmocka_unit_test(port_range_zero_or_too_far),
	    cmocka_unit_test(hypervisor_console_is_taken),
	    cmocka_unit_test(passthrough_uart_claimed_twice),
	    cmocka_unit_test(console_port_needs_passthrough),
	    cmocka_unit_test(mmio_claimed_twice_or_misaligned),
	    cmocka_unit_test(mmio_over_own_memory),
	    cmocka_unit_test(pci_function_claimed_twice),
	    cmocka_unit_test(irq_claimed_twice_or_not_legacy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
