// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of multiboot2 module placement and module tags, read back by the hypervisor's parser.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mb2.h"
#include "mb_info.h"

#define INFO_GPA 0xf1000ULL
#define CAP	 4096
#define ERRLEN	 160

static struct part_fw fw;
static uint8_t rsdp[RSDP_V2_SIZE];
static struct mb2_info parsed;
static char err[ERRLEN];

/* 64 MiB at 0, firmware area 0xf0000-0xfffff in the middle of the low RAM. */
static int setup(void **state)
{
	fw = (struct part_fw){.area_gpa = 0xf0000, .area_size = 0x10000, .nmap = 3};
	fw.map[0] = (struct fw_map_entry){0, 0xf0000, FW_MEM_RAM};
	fw.map[1] = (struct fw_map_entry){0xf0000, 0x10000, FW_MEM_ACPI};
	fw.map[2] = (struct fw_map_entry){0x100000, 0x3f00000, FW_MEM_RAM};
	memcpy(rsdp, "RSD PTR ", 8);
	rsdp[15] = 2;
	return 0;
}

/* Each module on its own page, in order, right above the kernel's end. */
static void place_in_order(void **state)
{
	struct mb_module m[3] = {{0, 0x1801, "a"}, {0, 0, "empty"}, {0, 0x1000, "c"}};

	assert_true(mb_modules_place(&fw, 0x20a123, m, 3, err, sizeof(err)));
	assert_int_equal(m[0].gpa, 0x20b000);
	assert_int_equal(m[1].gpa, 0x20d000);
	assert_int_equal(m[2].gpa, 0x20e000);
}

/* A kernel that ends below the firmware area: a module too big for the rest of the low RAM
 * skips the area (never overlaps it) and lands at 1 MiB; a small one stays below. */
static void skips_firmware_area(void **state)
{
	struct mb_module big = {0, 0x20000, "big"}, small = {0, 0x1000, "small"};

	assert_true(mb_modules_place(&fw, 0xe0000, &big, 1, err, sizeof(err)));
	assert_int_equal(big.gpa, 0x100000);
	assert_true(mb_modules_place(&fw, 0xe0000, &small, 1, err, sizeof(err)));
	assert_int_equal(small.gpa, 0xe0000);
}

/* Entries in any order: the lowest place wins, inside one RAM entry, never in reserved ones. */
static void unordered_map(void **state)
{
	struct mb_module m = {0, 0x3000, "m"};

	fw.nmap = 3;
	fw.map[0] = (struct fw_map_entry){0x800000, 0x100000, FW_MEM_RAM};
	fw.map[1] = (struct fw_map_entry){0x400000, 0x2000, FW_MEM_RAM}; /* too small */
	fw.map[2] = (struct fw_map_entry){0x500000, 0x100000, FW_MEM_RESERVED};
	assert_true(mb_modules_place(&fw, 0x300000, &m, 1, err, sizeof(err)));
	assert_int_equal(m.gpa, 0x800000);
}

static void does_not_fit(void **state)
{
	struct mb_module m[2] = {{0, 0x3e00000, "first"}, {0, 0x200000, "inner.bundle"}};

	assert_false(mb_modules_place(&fw, 0x200000, m, 2, err, sizeof(err)));
	assert_string_equal(err, "module 1 (inner.bundle, 2097152 bytes) does not fit in the "
				 "partition's RAM between 0x4000000 and 4 GiB");
}

/* Module tags hold 32-bit addresses: RAM above 4 GiB is never used for them. */
static void below_4g_only(void **state)
{
	struct mb_module m = {0, 0x2000, "high"};

	fw.nmap = 2;
	fw.map[0] = (struct fw_map_entry){0xfffff000ULL, 0x100000000ULL, FW_MEM_RAM};
	fw.map[1] = (struct fw_map_entry){0x100000000ULL, 0x100000, FW_MEM_RAM};
	assert_false(mb_modules_place(&fw, 0, &m, 1, err, sizeof(err)));
	assert_non_null(strstr(err, "does not fit"));
	assert_false(mb_modules_place(&fw, 0x100001000ULL, &m, 1, err, sizeof(err)));
	assert_non_null(strstr(err, "above 4 GiB"));
}

static struct mb_info_src src(const struct mb_module *mods, size_t n)
{
	return (struct mb_info_src){.fw = &fw,
				    .rsdp = rsdp,
				    .rsdp_len = RSDP_V2_SIZE,
				    .cmdline = "loglevel=info",
				    .mods = mods,
				    .nmods = n,
				    .gpa = INFO_GPA};
}

/* Type 3 tags (Multiboot2 3.6.6), after the loader name, read back by kernel/boot/mb2.c. */
static void tags_round_trip(void **state)
{
	_Alignas(8) uint8_t buf[CAP];
	struct mb_module m[2] = {{0x20b000, 0x1801, "inner.bundle"}, {0x20e000, 0, ""}};
	struct mb_info_src s = src(m, 2);
	uint32_t type, size;

	assert_true(mb2_info_write(buf, sizeof(buf), &s, err, sizeof(err)) > 0);
	assert_int_equal(mb2_parse(buf, INFO_GPA, &parsed, err, sizeof(err)), 0);
	assert_int_equal(parsed.module_count, 2);
	assert_int_equal(parsed.modules[0].start, 0x20b000);
	assert_int_equal(parsed.modules[0].end, 0x20c801);
	assert_string_equal(parsed.modules[0].cmdline, "inner.bundle");
	assert_int_equal(parsed.modules[1].start, parsed.modules[1].end);
	assert_string_equal(parsed.modules[1].cmdline, "");
	assert_string_equal(parsed.loader, "Bulkhead");
	assert_int_equal(parsed.mmap_count, 3);
	/* Layout: header 8, cmdline "loglevel=info" 8+14 -> 24, loader 8+9 -> 24, module 1 at 56. */
	memcpy(&type, buf + 56, 4);
	memcpy(&size, buf + 60, 4);
	assert_int_equal(type, 3);
	assert_int_equal(size, 16 + sizeof("inner.bundle"));
}

static void no_modules_no_tags(void **state)
{
	_Alignas(8) uint8_t buf[CAP];
	struct mb_info_src s = src(NULL, 0);

	assert_true(mb2_info_write(buf, sizeof(buf), &s, err, sizeof(err)) > 0);
	assert_int_equal(mb2_parse(buf, INFO_GPA, &parsed, err, sizeof(err)), 0);
	assert_int_equal(parsed.module_count, 0);
}

static void module_above_4g_refused(void **state)
{
	_Alignas(8) uint8_t buf[CAP];
	struct mb_module m = {0xfffff000ULL, 0x2000, "x"};
	struct mb_info_src s = src(&m, 1);

	assert_int_equal(mb2_info_write(buf, sizeof(buf), &s, err, sizeof(err)), 0);
	assert_string_equal(err, "module 0 at 0xfffff000+0x2000 is not below 4 GiB");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(place_in_order, setup),
	    cmocka_unit_test_setup(skips_firmware_area, setup),
	    cmocka_unit_test_setup(unordered_map, setup),
	    cmocka_unit_test_setup(does_not_fit, setup),
	    cmocka_unit_test_setup(below_4g_only, setup),
	    cmocka_unit_test_setup(tags_round_trip, setup),
	    cmocka_unit_test_setup(no_modules_no_tags, setup),
	    cmocka_unit_test_setup(module_above_4g_refused, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
