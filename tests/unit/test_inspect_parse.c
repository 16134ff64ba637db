// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of the inspector's parsers of kernel text files, PCI capabilities and CPUID.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "inspect.h"

void board_note(struct board *b, const char *fmt, ...)
{
	fail_msg("board_note called by a pure parser");
}

static void test_iomem(void **state)
{
	struct mem_range m[4];
	const char *text = "00000000-00000fff : Reserved\n"
			   "00001000-0009fbff : System RAM\n"
			   "  00010000-0001ffff : Kernel code\n"
			   "100000000-13fffffff : System RAM\n";

	assert_int_equal(parse_iomem(text, m, 4), 3);
	assert_int_equal(m[1].start, 0x1000);
	assert_int_equal(m[1].end, 0x9fbff);
	assert_string_equal(m[1].type, "System RAM");
	assert_int_equal(m[2].start, 0x100000000);
	assert_true(mem_is_ram(&m[2]));
	assert_false(mem_is_ram(&m[0]));
	assert_int_equal(parse_iomem(text, m, 2), -1);
	assert_int_equal(parse_iomem("00002000-00001000 : backwards\n", m, 4), -1);
	assert_int_equal(parse_iomem("garbage\n", m, 4), -1);
}

static void test_tty_serial(void **state)
{
	struct uart u[2];
	const char *text = "serinfo:1.0 driver revision:\n"
			   "0: uart:16550A port:000003F8 irq:4 tx:0 rx:0 RTS|DTR\n"
			   "1: uart:unknown port:000002F8 irq:3\n"
			   "2: uart:16550A port:000003E8 irq:4\n";

	assert_int_equal(parse_tty_serial(text, u, 2), 2);
	assert_int_equal(u[0].port, 0x3f8);
	assert_int_equal(u[0].irq, 4);
	assert_string_equal(u[0].type, "16550A");
	assert_int_equal(u[1].line, 2);
	assert_int_equal(u[1].port, 0x3e8);
	assert_int_equal(parse_tty_serial(text, u, 1), -1);
}

static void test_pci_resource(void **state)
{
	struct pci_bar bar[PCI_BARS];
	const char *text = "0x00000000fea00000 0x00000000feafffff 0x0000000000040200\n"
			   "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
			   "0x000000000000c040 0x000000000000c05f 0x0000000000040101\n"
			   "0x0000000fe0000000 0x0000000fe0003fff 0x000000000014220c\n";

	assert_int_equal(parse_pci_resource(text, bar, PCI_BARS), 0);
	assert_int_equal(bar[0].start, 0xfea00000);
	assert_false(bar[0].io);
	assert_int_equal(bar[1].end, 0);
	assert_true(bar[2].io);
	assert_int_equal(bar[2].end, 0xc05f);
	assert_true(bar[3].mem64);
	assert_true(bar[3].prefetch);
	assert_int_equal(parse_pci_resource("0x1 nonsense\n", bar, PCI_BARS), -1);
}

static void test_pci_caps(void **state)
{
	uint8_t cfg[0x1000] = {0};

	cfg[0x06] = 0x10; /* capability list */
	cfg[0x34] = 0x40;
	cfg[0x40] = 0x05; /* MSI -> 0x50 */
	cfg[0x41] = 0x50;
	cfg[0x50] = 0x10; /* PCIe with FLR -> 0x60 */
	cfg[0x51] = 0x60;
	cfg[0x57] = 0x10; /* devcap bit 28 */
	cfg[0x60] = 0x09; /* vendor, twice, then the end */
	cfg[0x61] = 0x70;
	cfg[0x70] = 0x09;
	cfg[0x100] = 0x01; /* AER -> 0x140: ACS */
	cfg[0x103] = 0x14;
	cfg[0x140] = 0x0d;
	char out[96];

	pci_caps_describe(cfg, sizeof(cfg), out, sizeof(out));
	assert_string_equal(out, "MSI PCIe FLR vendor AER ACS");
	pci_caps_describe(cfg, 0x100, out, sizeof(out));
	assert_string_equal(out, "MSI PCIe FLR vendor");
	pci_caps_describe(cfg, 0x40, out, sizeof(out)); /* a non-root read: header only */
	assert_string_equal(out, "");
	cfg[0x71] = 0x40; /* a loop in the list ends at the guard */
	pci_caps_describe(cfg, 0x100, out, sizeof(out));
	assert_string_equal(out, "MSI PCIe FLR vendor");
}

struct leaf {
	uint32_t leaf, r[4];
};

static void fake(void *ctx, uint32_t leaf, uint32_t r[4])
{
	for (const struct leaf *l = ctx; l->leaf != 0xdead; l++)
		if (l->leaf == leaf)
			return (void)memcpy(r, l->r, sizeof(l->r));
	memset(r, 0, 4 * sizeof(r[0]));
}

static void test_cpuid_decode(void **state)
{
	/* "AuthenticAMD", family 0x19 model 0x21, SVM with NPT but no NRIPS */
	static const struct leaf amd[] = {
	    {0x0, {0x10, 0x68747541, 0x444d4163, 0x69746e65}},
	    {0x1, {0x00a20f10, 0, 1U << 31, 0}},
	    {0x80000000, {0x8000000a, 0, 0, 0}},
	    {0x80000001, {0, 0, 1U << 2, 0}},
	    {0x80000002, {0x20202020, 0x20202020, 0x20202020, 0x20202020}},
	    {0x80000003, {0x20444d41, 0x20555043, 0x20202020, 0x20202020}},
	    {0x8000000a, {1, 8, 0, 1}},
	    {0xdead, {0}}};
	static const struct leaf intel[] = {{0x0, {0x16, 0x756e6547, 0x6c65746e, 0x49656e69}},
					    {0x1, {0x000906ea, 0, 1U << 5, 0}},
					    {0xdead, {0}}};
	struct cpu_id c;

	cpuid_decode(fake, (void *)amd, &c);
	assert_string_equal(c.vendor, "AuthenticAMD");
	assert_int_equal(c.family, 0x19);
	assert_int_equal(c.model, 0x21);
	assert_true(c.svm && c.npt && !c.nrips && !c.vmx && c.hypervisor);
	assert_string_equal(c.brand, "AMD CPU");
	cpuid_decode(fake, (void *)intel, &c);
	assert_string_equal(c.vendor, "GenuineIntel");
	assert_int_equal(c.family, 6);
	assert_int_equal(c.model, 0x9e);
	assert_true(c.vmx && !c.svm && !c.hypervisor);
	assert_string_equal(c.brand, "");
}

static void test_cpuid_line(void **state)
{
	uint32_t leaf, sub, r[4];

	assert_int_equal(parse_cpuid_line("0x80000001 0x0 0x1 0x2 0x3 0x4\n", &leaf, &sub, r), 0);
	assert_int_equal(leaf, 0x80000001);
	assert_int_equal(r[3], 4);
	assert_int_equal(parse_cpuid_line("# comment\n", &leaf, &sub, r), 1);
	assert_int_equal(parse_cpuid_line("0x1 0x0 0x1\n", &leaf, &sub, r), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_iomem),	 cmocka_unit_test(test_tty_serial),
	    cmocka_unit_test(test_pci_resource), cmocka_unit_test(test_pci_caps),
	    cmocka_unit_test(test_cpuid_decode), cmocka_unit_test(test_cpuid_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
