// SPDX-License-Identifier: BSD-2-Clause
// A partition's firmware area placement and memory map (partitions/memmap.c): its own memory
// only, split around the firmware area, read-only regions reserved, sorted and merged.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "memmap.h"

#define MIB	 0x100000ULL
#define KIB	 0x400ULL
#define RW	 (CFG_R | CFG_W)
#define RWX	 (CFG_R | CFG_W | CFG_X)
#define ACPI_LEN 0x1000ULL

static struct fw_map_entry map[FW_MAX_MAP];
static int n;

#define MEM(g, s, r)                                   \
	{                                              \
		.gpa = (g), .size = (s), .rights = (r) \
	}

/* Place the area and build the map of @mem as part_firmware_build() does. */
static void build(const struct cfg_mem *mem, size_t nmem, uint64_t *gpa, uint64_t *size)
{
	assert_true(fw_area_place(mem, nmem, gpa, size));
	n = fw_memmap_build(mem, nmem, *gpa, *size, ACPI_LEN, map, FW_MAX_MAP);
	assert_true(n > 0);
}

/* Sorted, no overlap, no two touching entries of one type. */
static void assert_well_formed(void)
{
	for (int i = 1; i < n; i++) {
		assert_true(map[i - 1].base + map[i - 1].size <= map[i].base);
		assert_false(map[i - 1].base + map[i - 1].size == map[i].base &&
			     map[i - 1].type == map[i].type);
	}
	for (int i = 0; i < n; i++)
		assert_true(map[i].size > 0);
}

static void assert_entry(int i, uint64_t base, uint64_t size, uint32_t type)
{
	assert_true(i < n);
	assert_int_equal(map[i].base, base);
	assert_int_equal(map[i].size, size);
	assert_int_equal(map[i].type, type);
}

static void bios_area_in_low_memory(void **state)
{
	const struct cfg_mem mem[] = {MEM(0, 16 * MIB, RWX)};
	uint64_t gpa, size;

	build(mem, 1, &gpa, &size);
	assert_int_equal(gpa, FW_BIOS_AREA);
	assert_int_equal(size, FW_BIOS_END - FW_BIOS_AREA);
	assert_int_equal(n, 4);
	assert_entry(0, 0, FW_BIOS_AREA, FW_MEM_RAM);
	assert_entry(1, FW_BIOS_AREA, ACPI_LEN, FW_MEM_ACPI);
	assert_entry(2, FW_BIOS_AREA + ACPI_LEN, FW_BIOS_END - FW_BIOS_AREA - ACPI_LEN,
		     FW_MEM_RESERVED);
	assert_entry(3, FW_BIOS_END, 15 * MIB, FW_MEM_RAM);
	assert_well_formed();
}

static void partition_not_at_zero(void **state)
{
	const struct cfg_mem mem[] = {MEM(0x40000000, 16 * MIB, RW)};
	uint64_t gpa, size;

	build(mem, 1, &gpa, &size);
	assert_int_equal(gpa, 0x40000000 + 16 * MIB - FW_AREA_SIZE);
	assert_int_equal(size, FW_AREA_SIZE);
	assert_int_equal(n, 3);
	assert_entry(0, 0x40000000, 16 * MIB - FW_AREA_SIZE, FW_MEM_RAM);
	assert_entry(1, gpa, ACPI_LEN, FW_MEM_ACPI);
	assert_entry(2, gpa + ACPI_LEN, FW_AREA_SIZE - ACPI_LEN, FW_MEM_RESERVED);
	assert_well_formed();
}

static void read_only_region_is_reserved(void **state)
{
	const struct cfg_mem mem[] = {MEM(0xf0000000, MIB, CFG_R), MEM(0, 32 * MIB, RWX)};
	uint64_t gpa, size;

	build(mem, 2, &gpa, &size);
	assert_int_equal(gpa, FW_BIOS_AREA);
	assert_int_equal(n, 5);
	assert_entry(3, FW_BIOS_END, 31 * MIB, FW_MEM_RAM);
	assert_entry(4, 0xf0000000, MIB, FW_MEM_RESERVED);
	assert_well_formed();
}

/* A read-only region over the BIOS area cannot take the tables: the lowest writable one does. */
static void read_only_bios_area_falls_back(void **state)
{
	const struct cfg_mem mem[] = {MEM(0, MIB, CFG_R | CFG_X), MEM(MIB, 8 * MIB, RW)};
	uint64_t gpa, size;

	build(mem, 2, &gpa, &size);
	assert_int_equal(gpa, 9 * MIB - FW_AREA_SIZE);
	assert_entry(0, 0, MIB, FW_MEM_RESERVED);
	assert_entry(1, MIB, 8 * MIB - FW_AREA_SIZE, FW_MEM_RAM);
	assert_int_equal(n, 4);
	assert_well_formed();
}

/* Regions out of order, touching: one RAM entry; too small a low region is passed over. */
static void sorted_merged_and_small_regions_skipped(void **state)
{
	const struct cfg_mem mem[] = {MEM(0x3000000, MIB, RW), MEM(0x2000000, 16 * MIB, RW),
				      MEM(0x1000000, 32 * KIB, RW)};
	uint64_t gpa, size;

	build(mem, 3, &gpa, &size);
	assert_int_equal(gpa, 0x2000000 + 16 * MIB - FW_AREA_SIZE);
	assert_int_equal(n, 5);
	assert_entry(0, 0x1000000, 32 * KIB, FW_MEM_RAM);
	assert_entry(1, 0x2000000, 16 * MIB - FW_AREA_SIZE, FW_MEM_RAM);
	assert_entry(2, gpa, ACPI_LEN, FW_MEM_ACPI);
	assert_entry(3, gpa + ACPI_LEN, FW_AREA_SIZE - ACPI_LEN, FW_MEM_RESERVED);
	assert_entry(4, 0x3000000, MIB, FW_MEM_RAM);
	assert_well_formed();
}

static void touching_regions_merge(void **state)
{
	const struct cfg_mem mem[] = {MEM(0, MIB, RW), MEM(2 * MIB, MIB, RWX), MEM(MIB, MIB, RW)};
	uint64_t gpa, size;

	build(mem, 3, &gpa, &size);
	assert_int_equal(n, 4);
	assert_entry(3, FW_BIOS_END, 2 * MIB, FW_MEM_RAM);
	assert_well_formed();
}

static void no_room(void **state)
{
	const struct cfg_mem ro[] = {MEM(0, 16 * MIB, CFG_R | CFG_X)};
	const struct cfg_mem tiny[] = {MEM(0, 60 * KIB, RW), MEM(MIB, 4 * KIB, RW)};
	uint64_t gpa, size;

	assert_false(fw_area_place(ro, 1, &gpa, &size));
	assert_false(fw_area_place(tiny, 2, &gpa, &size));
	assert_false(fw_area_place(NULL, 0, &gpa, &size));
}

static void map_overflow_is_refused(void **state)
{
	struct cfg_mem mem[CFG_MAX_MEM];
	uint64_t gpa, size;

	for (size_t i = 0; i < CFG_MAX_MEM; i++)
		mem[i] = (struct cfg_mem)MEM(i * 2 * MIB, MIB, i % 2 ? CFG_R : RW);
	assert_true(fw_area_place(mem, CFG_MAX_MEM, &gpa, &size));
	assert_int_equal(fw_memmap_build(mem, CFG_MAX_MEM, gpa, size, ACPI_LEN, map, 3), -1);
	n = fw_memmap_build(mem, CFG_MAX_MEM, gpa, size, ACPI_LEN, map, FW_MAX_MAP);
	assert_int_equal(n, CFG_MAX_MEM + 2);
	assert_well_formed();
}

static void tables_fill_the_area(void **state)
{
	const struct cfg_mem mem[] = {MEM(0, 16 * MIB, RW)};

	n = fw_memmap_build(mem, 1, FW_BIOS_AREA, FW_AREA_SIZE, 2 * FW_AREA_SIZE, map, FW_MAX_MAP);
	assert_int_equal(n, 3);
	assert_entry(1, FW_BIOS_AREA, FW_AREA_SIZE, FW_MEM_ACPI);
	assert_well_formed();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bios_area_in_low_memory),
	    cmocka_unit_test(partition_not_at_zero),
	    cmocka_unit_test(read_only_region_is_reserved),
	    cmocka_unit_test(read_only_bios_area_falls_back),
	    cmocka_unit_test(sorted_merged_and_small_regions_skipped),
	    cmocka_unit_test(touching_regions_merge),
	    cmocka_unit_test(no_room),
	    cmocka_unit_test(map_overflow_is_refused),
	    cmocka_unit_test(tables_fill_the_area),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
