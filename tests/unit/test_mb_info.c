// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of the boot information writer: read back by the hypervisor's own multiboot2 parser.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
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

/* 64 MiB at 0 with the firmware area at 0xf0000-0xfffff: what a typical partition gets. */
static int setup(void **state)
{
	fw = (struct part_fw){.area_gpa = 0xf0000,
			      .area_size = 0x10000,
			      .rsdp_gpa = 0xf0000,
			      .info_gpa = INFO_GPA,
			      .info_size = 0xf000,
			      .nmap = 3};
	fw.map[0] = (struct fw_map_entry){0, 0xf0000, FW_MEM_RAM};
	fw.map[1] = (struct fw_map_entry){0xf0000, 0x10000, FW_MEM_ACPI};
	fw.map[2] = (struct fw_map_entry){0x100000, 0x3f00000, FW_MEM_RAM};
	memcpy(rsdp, "RSD PTR ", 8);
	rsdp[15] = 2;
	for (size_t i = 16; i < sizeof(rsdp); i++)
		rsdp[i] = (uint8_t)i;
	return 0;
}

static struct mb_info_src src(void)
{
	return (struct mb_info_src){.fw = &fw,
				    .rsdp = rsdp,
				    .rsdp_len = RSDP_V2_SIZE,
				    .cmdline = "console=hv quiet",
				    .gpa = INFO_GPA};
}

/* A tag of @type in a written multiboot2 block (NULL when absent). */
static const uint8_t *find_tag(const uint8_t *b, uint32_t type)
{
	uint32_t total, off = 8;

	memcpy(&total, b, 4);
	while (off < total) {
		uint32_t t, size;

		memcpy(&t, b + off, 4);
		memcpy(&size, b + off + 4, 4);
		if (t == type)
			return b + off;
		if (t == 0)
			return NULL;
		off += (size + 7) & ~7U;
	}
	return NULL;
}

static void mb2_round_trip(void **state)
{
	_Alignas(8) uint8_t buf[CAP];
	struct mb_info_src s = src();
	size_t n = mb2_info_write(buf, sizeof(buf), &s, err, sizeof(err));
	const uint8_t *mem;
	uint32_t lower, upper, total;

	assert_true(n > 0);
	memcpy(&total, buf, 4);
	assert_int_equal(total, n);
	assert_int_equal(mb2_parse(buf, INFO_GPA, &parsed, err, sizeof(err)), 0);
	assert_string_equal(parsed.cmdline, "console=hv quiet");
	assert_string_equal(parsed.loader, "Bulkhead");
	assert_int_equal(parsed.mmap_count, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(parsed.mmap[i].base, fw.map[i].base);
		assert_int_equal(parsed.mmap[i].size, fw.map[i].size);
		assert_int_equal(parsed.mmap[i].type, fw.map[i].type);
	}
	assert_true(parsed.rsdp_v2);
	assert_int_equal(parsed.rsdp_len, RSDP_V2_SIZE);
	assert_memory_equal(parsed.rsdp, rsdp, RSDP_V2_SIZE);
	assert_false(parsed.efi);
	mem = find_tag(buf, 4);
	assert_non_null(mem);
	memcpy(&lower, mem + 8, 4);
	memcpy(&upper, mem + 12, 4);
	assert_int_equal(lower, 640);
	assert_int_equal(upper, 0x3f00000 / 1024);
}

static void mb2_acpi_v1(void **state)
{
	_Alignas(8) uint8_t buf[CAP];
	struct mb_info_src s = src();

	s.rsdp_len = RSDP_V1_SIZE;
	assert_true(mb2_info_write(buf, sizeof(buf), &s, err, sizeof(err)) > 0);
	assert_int_equal(mb2_parse(buf, INFO_GPA, &parsed, err, sizeof(err)), 0);
	assert_false(parsed.rsdp_v2);
	assert_int_equal(parsed.rsdp_len, RSDP_V1_SIZE);
	assert_non_null(find_tag(buf, 14));
	assert_null(find_tag(buf, 15));
}

/* Every capacity short of the real size is refused, and nothing is written past it (ASan). */
static void too_small(void **state)
{
	_Alignas(8) uint8_t full[CAP];
	struct mb_info_src s = src();
	size_t need2 = mb2_info_write(full, sizeof(full), &s, NULL, 0);
	size_t need1 = mb1_info_write(full, sizeof(full), &s, NULL, 0);

	assert_true(need2 > 0 && need1 > 0);
	for (size_t cap = 0; cap < need2 || cap < need1; cap++) {
		uint8_t *buf = malloc(cap ? cap : 1);

		if (cap < need2) {
			assert_int_equal(mb2_info_write(buf, cap, &s, err, sizeof(err)), 0);
			assert_non_null(strstr(err, "does not fit in the"));
		}
		if (cap < need1)
			assert_int_equal(mb1_info_write(buf, cap, &s, err, sizeof(err)), 0);
		free(buf);
	}
	assert_int_equal(mb2_info_write(full, need2, &s, err, sizeof(err)), need2);
	assert_int_equal(mb1_info_write(full, need1, &s, err, sizeof(err)), need1);
}

static void bad_sources(void **state)
{
	_Alignas(8) uint8_t buf[CAP];
	struct mb_info_src s = src();

	s.gpa = INFO_GPA + 4;
	assert_int_equal(mb2_info_write(buf, sizeof(buf), &s, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "0xf1004 is not 8-byte aligned"));
	s.gpa = INFO_GPA + 2;
	assert_int_equal(mb1_info_write(buf, sizeof(buf), &s, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "not 4-byte aligned"));
	s = src();
	s.rsdp_len = 24;
	assert_int_equal(mb2_info_write(buf, sizeof(buf), &s, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "RSDP length 24"));
	s = src();
	s.gpa = 0xffffff80ULL; /* the block would end past 4 GiB */
	assert_int_equal(mb2_info_write(buf, sizeof(buf), &s, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "is not below 4 GiB"));
	assert_int_equal(mb1_info_write(buf, sizeof(buf), &s, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "is not below 4 GiB"));
}

/* Memory that starts at 1 MiB has no lower memory; upper memory stops at the first hole. */
static void meminfo_edges(void **state)
{
	fw.nmap = 3;
	fw.map[0] = (struct fw_map_entry){0x300000, 0x100000, FW_MEM_RAM}; /* after a hole */
	fw.map[1] = (struct fw_map_entry){0x200000, 0x100000, FW_MEM_RAM}; /* out of order */
	fw.map[2] = (struct fw_map_entry){0x100000, 0x100000, FW_MEM_RAM};
	assert_int_equal(mb_mem_lower(&fw), 0);
	assert_int_equal(mb_mem_upper(&fw), 3 * 1024);
	fw.map[1].type = FW_MEM_RESERVED;
	assert_int_equal(mb_mem_upper(&fw), 1024);
	fw.map[0] = (struct fw_map_entry){0, 0x8000, FW_MEM_RAM};
	assert_int_equal(mb_mem_lower(&fw), 32);
	fw.nmap = 0;
	assert_int_equal(mb_mem_lower(&fw), 0);
	assert_int_equal(mb_mem_upper(&fw), 0);
}

static uint32_t u32(const uint8_t *b, size_t off)
{
	uint32_t v;

	memcpy(&v, b + off, sizeof(v));
	return v;
}

/* Multiboot 0.6.96 3.3 offsets: flags 0, mem 4/8, cmdline 16, mmap 44/48, loader name 64. */
static void mb1_layout(void **state)
{
	uint8_t buf[CAP];
	struct mb_info_src s = src();
	size_t n = mb1_info_write(buf, sizeof(buf), &s, err, sizeof(err));
	uint32_t mmap;

	assert_true(n > 0);
	assert_int_equal(u32(buf, 0), (1U << 0) | (1U << 2) | (1U << 6) | (1U << 9));
	assert_int_equal(u32(buf, 4), 640);
	assert_int_equal(u32(buf, 8), 0x3f00000 / 1024);
	assert_int_equal(u32(buf, 44), 3 * 24);
	mmap = u32(buf, 48);
	assert_int_equal(mmap, INFO_GPA + 116);
	for (size_t i = 0; i < 3; i++) {
		const uint8_t *e = buf + (mmap - INFO_GPA) + i * 24;
		uint64_t base, len;

		memcpy(&base, e + 4, 8);
		memcpy(&len, e + 12, 8);
		assert_int_equal(u32(e, 0), 20);
		assert_int_equal(base, fw.map[i].base);
		assert_int_equal(len, fw.map[i].size);
		assert_int_equal(u32(e, 20), fw.map[i].type);
	}
	assert_string_equal((char *)buf + (u32(buf, 16) - INFO_GPA), "console=hv quiet");
	assert_string_equal((char *)buf + (u32(buf, 64) - INFO_GPA), "Bulkhead");
	assert_int_equal(u32(buf, 64) - INFO_GPA + sizeof("Bulkhead"), n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(mb2_round_trip, setup),
	    cmocka_unit_test_setup(mb2_acpi_v1, setup),
	    cmocka_unit_test_setup(too_small, setup),
	    cmocka_unit_test_setup(bad_sources, setup),
	    cmocka_unit_test_setup(meminfo_edges, setup),
	    cmocka_unit_test_setup(mb1_layout, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
