// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of the Linux zero page, the command line Bulkhead passes, and the placement of the
// boot area, kernel and initrd in a partition's memory map.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bzimage.h"
#include "linux_layout.h"

#define ERRLEN 160
#define MIB    (1ULL << 20)

static uint8_t img[4096];
static uint8_t bp[BP_SIZE];
static struct bz_header h;
static struct part_fw fw;
static char err[ERRLEN];

static uint64_t get(const uint8_t *b, size_t off, size_t n)
{
	uint64_t v = 0;

	for (size_t i = n; i-- > 0;)
		v = v << 8 | b[off + i];
	return v;
}

/* 256 MiB at 0 with the firmware area at 0xe0000, as the Linux boot scenario's partition. */
static int setup(void **state)
{
	(void)state;
	fw = (struct part_fw){.area_gpa = 0xe0000, .area_size = 0x20000, .rsdp_gpa = 0xe0000};
	fw.map[0] = (struct fw_map_entry){0, 0xe0000, FW_MEM_RAM};
	fw.map[1] = (struct fw_map_entry){0xe0000, 0x1000, FW_MEM_ACPI};
	fw.map[2] = (struct fw_map_entry){0xe1000, 0x1f000, FW_MEM_RESERVED};
	fw.map[3] = (struct fw_map_entry){0x100000, 255 * MIB, FW_MEM_RAM};
	fw.nmap = 4;
	h = (struct bz_header){.version = 0x020f,
			       .loadflags = BZ_LOADED_HIGH,
			       .xloadflags = BZ_XLF_KERNEL_64,
			       .relocatable = true,
			       .setup_size = 5 * 512,
			       .kernel_size = 8 * MIB,
			       .hdr_end = 0x26c,
			       .initrd_addr_max = 0x7fffffff,
			       .kernel_alignment = 2 * MIB,
			       .cmdline_size = 0x7ff,
			       .init_size = 64 * MIB,
			       .pref_address = 16 * MIB};
	for (size_t i = 0; i < sizeof(img); i++)
		img[i] = (uint8_t)(i * 7 + 1);
	return 0;
}

static struct bp_src src(void)
{
	return (struct bp_src){.fw = &fw,
			       .kernel_gpa = 16 * MIB,
			       .cmdline_gpa = 0x11000,
			       .cmdline_len = 20,
			       .initrd_gpa = 0xfe00000,
			       .initrd_size = 2 * MIB};
}

static void zero_page(void **state)
{
	struct bp_src s = src();

	(void)state;
	memset(bp, 0xaa, sizeof(bp));
	assert_true(bp_build(bp, img, &h, &s, err, sizeof(err)));
	/* The setup header is the image's, except the loader's own fields. */
	assert_memory_equal(bp + BZ_SETUP_SECTS, img + BZ_SETUP_SECTS, BZ_TYPE_OF_LOADER - 0x1f1);
	assert_int_equal(bp[BZ_TYPE_OF_LOADER], 0xff);
	assert_int_equal(bp[BZ_LOADFLAGS], img[BZ_LOADFLAGS]);
	assert_int_equal(get(bp, BZ_CODE32_START, 4), 16 * MIB);
	assert_int_equal(get(bp, BZ_CMD_LINE_PTR, 4), 0x11000);
	assert_int_equal(get(bp, BP_EXT_CMD_LINE_PTR, 4), 0);
	assert_int_equal(get(bp, BZ_RAMDISK_IMAGE, 4), 0xfe00000);
	assert_int_equal(get(bp, BZ_RAMDISK_SIZE, 4), 2 * MIB);
	assert_int_equal(get(bp, BP_ACPI_RSDP_ADDR, 8), 0xe0000);
	/* Beyond the header (0x26c) and outside the fields written, all zero. */
	for (size_t i = 0x26c; i < BP_E820_TABLE; i++)
		assert_int_equal(bp[i], 0);
	assert_int_equal(bp[0], 0);
}

static void e820_is_the_map(void **state)
{
	struct bp_src s = src();

	(void)state;
	assert_true(bp_build(bp, img, &h, &s, err, sizeof(err)));
	assert_int_equal(bp[BP_E820_ENTRIES], 4);
	for (size_t i = 0; i < 4; i++) {
		const uint8_t *e = bp + BP_E820_TABLE + i * BP_E820_ENTRY_SIZE;

		assert_int_equal(get(e, 0, 8), fw.map[i].base);
		assert_int_equal(get(e, 8, 8), fw.map[i].size);
		assert_int_equal(get(e, 16, 4), fw.map[i].type);
	}
	assert_int_equal(get(bp + BP_E820_TABLE + 4 * BP_E820_ENTRY_SIZE, 0, 20), 0);
}

static void high_addresses_in_ext_fields(void **state)
{
	struct bp_src s = src();

	(void)state;
	h.initrd_addr_max = 0xffffffff;
	s.cmdline_gpa = 0x123456000ULL;
	assert_true(bp_build(bp, img, &h, &s, err, sizeof(err)));
	assert_int_equal(get(bp, BZ_CMD_LINE_PTR, 4), 0x23456000);
	assert_int_equal(get(bp, BP_EXT_CMD_LINE_PTR, 4), 1);
}

static void no_initrd_no_rsdp_before_2_14(void **state)
{
	struct bp_src s = src();

	(void)state;
	s.initrd_size = 0;
	h.version = 0x020d;
	assert_true(bp_build(bp, img, &h, &s, err, sizeof(err)));
	assert_int_equal(get(bp, BZ_RAMDISK_IMAGE, 4), 0);
	assert_int_equal(get(bp, BZ_RAMDISK_SIZE, 4), 0);
	assert_int_equal(get(bp, BP_ACPI_RSDP_ADDR, 8), 0);
}

static void refuses_initrd_above_max(void **state)
{
	struct bp_src s = src();

	(void)state;
	h.initrd_addr_max = 0xffffff;
	assert_false(bp_build(bp, img, &h, &s, err, sizeof(err)));
	assert_string_equal(err, "initrd ends at 0xfffffff, above initrd_addr_max 0xffffff");
}

static void refuses_long_cmdline(void **state)
{
	struct bp_src s = src();

	(void)state;
	s.cmdline_len = 0x800;
	assert_false(bp_build(bp, img, &h, &s, err, sizeof(err)));
	assert_string_equal(err, "command line of 2048 bytes, the kernel takes at most 2047");
}

static void refuses_big_map(void **state)
{
	static struct part_fw big;
	struct bp_src s = src();

	(void)state;
	big.nmap = BP_E820_MAX + 1;
	s.fw = &big;
	assert_false(bp_build(bp, img, &h, &s, err, sizeof(err)));
	assert_string_equal(err, "memory map has 129 entries, the zero page holds 128");
}

static void cmdline_appends_tsc(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(bp_cmdline(buf, sizeof(buf), "console=ttyS0", 2098296), 35);
	assert_string_equal(buf, "console=ttyS0 tsc_early_khz=2098296");
	assert_int_equal(bp_cmdline(buf, sizeof(buf), "", 1000), 18);
	assert_string_equal(buf, "tsc_early_khz=1000");
	/* The description's own value wins; unknown frequency: nothing appended. */
	bp_cmdline(buf, sizeof(buf), "tsc_early_khz=5 quiet", 1000);
	assert_string_equal(buf, "tsc_early_khz=5 quiet");
	bp_cmdline(buf, sizeof(buf), "quiet", 0);
	assert_string_equal(buf, "quiet");
	assert_int_equal(bp_cmdline(buf, 20, "console=ttyS0", 2098296), -1);
}

static void layout_preferred(void **state)
{
	struct lx_layout l;

	(void)state;
	assert_true(lx_layout(&h, &fw, 2 * MIB, &l, err, sizeof(err)));
	assert_int_equal(l.area, LX_AREA_OFF);
	assert_int_equal(l.kernel, 16 * MIB);
	assert_int_equal(l.kernel_span, 64 * MIB);
	assert_int_equal(l.initrd, 254 * MIB); /* the top of RAM */
}

static void layout_initrd_below_max_and_kernel(void **state)
{
	struct lx_layout l;

	(void)state;
	h.initrd_addr_max = 80 * MIB + 0xfff; /* only up to the kernel's end: below it instead */
	assert_true(lx_layout(&h, &fw, 2 * MIB + 1, &l, err, sizeof(err)));
	assert_int_equal(l.initrd, 16 * MIB - 3 * 0x100000ULL + 0xff000); /* page-aligned */
	assert_true(l.initrd + 2 * MIB + 1 <= 16 * MIB);
	assert_true(l.initrd >= LX_AREA_OFF + LX_AREA_SIZE);
}

static void layout_relocates(void **state)
{
	struct lx_layout l;

	(void)state;
	/* RAM only from 32 MiB + 4 KiB: the kernel goes to the next 2 MiB boundary. */
	fw.map[3] = (struct fw_map_entry){32 * MIB + 0x1000, 200 * MIB, FW_MEM_RAM};
	assert_true(lx_layout(&h, &fw, 0, &l, err, sizeof(err)));
	assert_int_equal(l.kernel, 34 * MIB);
	assert_int_equal(l.initrd, 0);
	h.relocatable = false;
	assert_false(lx_layout(&h, &fw, 0, &l, err, sizeof(err)));
	assert_string_equal(err, "kernel is not relocatable and its range 0x1000000-0x4ffffff "
				 "(pref_address, init_size) is not free RAM of the partition");
}

static void layout_refusals(void **state)
{
	struct lx_layout l;

	(void)state;
	fw.map[3].size = 32 * MIB; /* RAM ends at 33 MiB: no room for init_size */
	assert_false(lx_layout(&h, &fw, 0, &l, err, sizeof(err)));
	assert_string_equal(
	    err, "kernel needs 65536 KiB of RAM (init_size) at a 0x200000-aligned "
		 "address at or above 0x1000000 and below 4 GiB: the partition has none");
	fw.map[3].size = 255 * MIB;
	assert_false(lx_layout(&h, &fw, 300 * MIB, &l, err, sizeof(err)));
	assert_string_equal(
	    err, "initrd of 307200 KiB does not fit in free RAM below initrd_addr_max 0x7fffffff");
	fw.nmap = 0;
	assert_false(lx_layout(&h, &fw, 0, &l, err, sizeof(err)));
	assert_string_equal(err, "no RAM below 4 GiB for the 104 KiB boot area");
}

static void boot_tables(void **state)
{
	static uint8_t area[LX_AREA_SIZE];
	const uint64_t gpa = 0x10000;
	uint64_t cr3 = lx_boot_tables(area, gpa), e;

	(void)state;
	assert_int_equal(cr3, gpa + LX_PT);
	/* __BOOT_CS: 64-bit code (L set, D clear), __BOOT_DS: writable data; entry 0 null. */
	assert_int_equal(get(area, LX_GDT, 8), 0);
	e = get(area, LX_GDT + LX_BOOT_CS, 8);
	assert_true((e >> 53) & 1);
	assert_false((e >> 54) & 1);
	assert_int_equal((e >> 40) & 0x9a, 0x9a);
	assert_int_equal((get(area, LX_GDT + LX_BOOT_DS, 8) >> 40) & 0x92, 0x92);
	/* PML4[0] -> PDPT, PDPT[k] -> PD k, and 2 MiB identity pages up to 4 GiB. */
	assert_int_equal(get(area, LX_PT, 8), (gpa + LX_PT + LX_PAGE) | 3);
	for (uint64_t k = 0; k < LX_MAP_GIB; k++)
		assert_int_equal(get(area, LX_PT + LX_PAGE + 8 * k, 8),
				 (gpa + LX_PT + (2 + k) * LX_PAGE) | 3);
	assert_int_equal(get(area, LX_PT + 2 * LX_PAGE, 8), 0x83);
	assert_int_equal(get(area, LX_PT + 2 * LX_PAGE + 8 * 2047, 8), (2047ULL << 21) | 0x83);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(zero_page, setup),
	    cmocka_unit_test_setup(e820_is_the_map, setup),
	    cmocka_unit_test_setup(high_addresses_in_ext_fields, setup),
	    cmocka_unit_test_setup(no_initrd_no_rsdp_before_2_14, setup),
	    cmocka_unit_test_setup(refuses_initrd_above_max, setup),
	    cmocka_unit_test_setup(refuses_long_cmdline, setup),
	    cmocka_unit_test_setup(refuses_big_map, setup),
	    cmocka_unit_test(cmdline_appends_tsc),
	    cmocka_unit_test_setup(layout_preferred, setup),
	    cmocka_unit_test_setup(layout_initrd_below_max_and_kernel, setup),
	    cmocka_unit_test_setup(layout_relocates, setup),
	    cmocka_unit_test_setup(layout_refusals, setup),
	    cmocka_unit_test(boot_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
