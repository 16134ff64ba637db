// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for the multiboot2 parser on hand-built BIOS-like, EFI-like and broken info blocks.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mb2.h"

#define INFO_PHYS 0x10000ULL
#define BUF_SIZE  16384
#define ERRLEN	  160

enum {
	T_END = 0,
	T_CMDLINE = 1,
	T_LOADER = 2,
	T_MODULE = 3,
	T_MEMINFO = 4,
	T_MMAP = 6,
	T_FRAMEBUFFER = 8,
	T_EFI64 = 12,
	T_ACPI_OLD = 14,
	T_ACPI_NEW = 15,
	T_EFI_MMAP = 17,
	T_EFI_BS = 18,
	T_EFI64_IH = 20,
	T_LOAD_BASE = 21,
};

struct builder {
	_Alignas(8) uint8_t buf[BUF_SIZE];
	uint32_t off;
};

struct e820 {
	uint64_t base, len;
	uint32_t type, zero;
};

static struct builder B;
static struct mb2_info info;
static char err[ERRLEN];

static void put32(uint32_t off, uint32_t v)
{
	memcpy(B.buf + off, &v, sizeof(v));
}

static void start(void)
{
	memset(&B, 0, sizeof(B));
	B.off = 8;
}

/* Append a tag with @size bytes of payload after its 8-byte header; returns the payload. */
static uint8_t *tag(uint32_t type, uint32_t payload)
{
	uint32_t off = B.off;

	put32(off, type);
	put32(off + 4, 8 + payload);
	B.off += (8 + payload + 7) & ~7U;
	return B.buf + off + 8;
}

static uint32_t finish(void)
{
	tag(T_END, 0);
	put32(0, B.off);
	return B.off;
}

static void add_string(uint32_t type, const char *s)
{
	memcpy(tag(type, strlen(s) + 1), s, strlen(s) + 1);
}

static void add_module(uint32_t mstart, uint32_t mend, const char *cmd)
{
	uint8_t *p = tag(T_MODULE, 8 + strlen(cmd) + 1);

	memcpy(p, &mstart, 4);
	memcpy(p + 4, &mend, 4);
	memcpy(p + 8, cmd, strlen(cmd) + 1);
}

static void add_mmap(const struct e820 *e, unsigned n, uint32_t entry_size)
{
	uint8_t *p = tag(T_MMAP, 8 + n * entry_size);
	uint32_t version = 0;

	memcpy(p, &entry_size, 4);
	memcpy(p + 4, &version, 4);
	for (unsigned i = 0; i < n; i++)
		memcpy(p + 8 + i * entry_size, &e[i], sizeof(e[i]));
}

#define E820(b, l, t)                                \
	{                                            \
		.base = (b), .len = (l), .type = (t) \
	}

static const struct e820 qemu_map[] = {
    E820(0x0, 0x9fc00, 1),	   E820(0x9fc00, 0x400, 2),	 E820(0xf0000, 0x10000, 2),
    E820(0x100000, 0x3fee0000, 1), E820(0x3ffe0000, 0x20000, 2), E820(0xfffc0000, 0x40000, 2),
};
#define QEMU_MAP_N (sizeof(qemu_map) / sizeof(qemu_map[0]))

static int parse(void)
{
	return mb2_parse(B.buf, INFO_PHYS, &info, err, sizeof(err));
}

static void test_bios_like(void **state)
{
	uint8_t *rsdp;
	uint32_t size;

	start();
	add_string(T_CMDLINE, "console=serial");
	add_string(T_LOADER, "GRUB 2.06");
	add_module(0x200000, 0x280000, "partition0.cfg");
	add_module(0x280000, 0x280000, "");
	memset(tag(T_MEMINFO, 8), 0, 8);
	add_mmap(qemu_map, QEMU_MAP_N, sizeof(struct e820));
	memset(tag(T_FRAMEBUFFER, 24), 0xAA, 24);
	rsdp = tag(T_ACPI_OLD, 20);
	memcpy(rsdp, "RSD PTR ", 8);
	size = finish();

	assert_int_equal(parse(), 0);
	assert_string_equal(err, "");
	assert_int_equal(info.info_phys, INFO_PHYS);
	assert_int_equal(info.info_size, size);
	assert_string_equal(info.cmdline, "console=serial");
	assert_string_equal(info.loader, "GRUB 2.06");
	assert_int_equal(info.module_count, 2);
	assert_int_equal(info.modules[0].start, 0x200000);
	assert_int_equal(info.modules[0].end, 0x280000);
	assert_string_equal(info.modules[0].cmdline, "partition0.cfg");
	assert_string_equal(info.modules[1].cmdline, "");
	assert_int_equal(info.mmap_count, QEMU_MAP_N);
	for (unsigned i = 0; i < QEMU_MAP_N; i++) {
		assert_int_equal(info.mmap[i].base, qemu_map[i].base);
		assert_int_equal(info.mmap[i].size, qemu_map[i].len);
		assert_int_equal(info.mmap[i].type, qemu_map[i].type);
	}
	assert_ptr_equal(info.rsdp, rsdp);
	assert_int_equal(info.rsdp_len, 20);
	assert_false(info.rsdp_v2);
	assert_false(info.efi);
	assert_false(info.load_base_valid);
}

static void efi_block(bool new_first, bool bs_active)
{
	start();
	memset(tag(T_EFI64, 8), 0x11, 8);
	add_string(T_LOADER, "GRUB 2.12");
	add_mmap(qemu_map, QEMU_MAP_N, sizeof(struct e820));
	memset(tag(T_EFI_MMAP, 8 + 3 * 48), 0, 8 + 3 * 48);
	memset(tag(new_first ? T_ACPI_NEW : T_ACPI_OLD, new_first ? 36 : 20), 0x22, 20);
	memset(tag(new_first ? T_ACPI_OLD : T_ACPI_NEW, new_first ? 20 : 36), 0x33, 20);
	if (bs_active)
		tag(T_EFI_BS, 0);
	memset(tag(T_EFI64_IH, 8), 0x44, 8);
	put32(B.off + 8, 0x1000000);
	tag(T_LOAD_BASE, 4);
	finish();
}

static void test_efi_like(void **state)
{
	for (int order = 0; order < 2; order++) {
		efi_block(order, order);
		assert_int_equal(parse(), 0);
		assert_true(info.efi);
		assert_int_equal(info.efi_bs_active, order);
		assert_null(info.cmdline);
		assert_string_equal(info.loader, "GRUB 2.12");
		assert_true(info.rsdp_v2);
		assert_int_equal(info.rsdp_len, 36);
		assert_int_equal(*(const uint8_t *)info.rsdp, order ? 0x22 : 0x33);
		assert_true(info.load_base_valid);
		assert_int_equal(info.load_base, 0x1000000);
		assert_int_equal(info.module_count, 0);
	}
}

static void test_mmap_wide_entries_and_types(void **state)
{
	const struct e820 odd[] = {E820(0x1000, 0x1000, 7), E820(0x2000, 0x1000, 3),
				   E820(0x3000, 0, 0)};

	start();
	add_mmap(odd, 3, 40);
	finish();
	assert_int_equal(parse(), 0);
	assert_int_equal(info.mmap_count, 3);
	assert_int_equal(info.mmap[0].type, MEM_RESERVED);
	assert_int_equal(info.mmap[1].type, MEM_ACPI_RECLAIMABLE);
	assert_int_equal(info.mmap[2].type, MEM_RESERVED);
	assert_int_equal(info.mmap[1].base, 0x2000);
}

static void expect_error(int rc, const char *needle)
{
	assert_int_equal(parse(), rc);
	if (!strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
	assert_int_equal(info.mmap_count, 0);
	assert_null(info.cmdline);
}

static void test_header_errors(void **state)
{
	start();
	add_mmap(qemu_map, 1, 24);
	finish();
	put32(0, 8);
	expect_error(-EINVAL, "total_size 8");
	put32(0, B.off + 4);
	expect_error(-EINVAL, "total_size");
	put32(0, MB2_MAX_INFO_SIZE + 8);
	expect_error(-EINVAL, "implausible");
	put32(0, B.off);
	assert_int_equal(mb2_parse(B.buf, INFO_PHYS + 4, &info, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "aligned"));
}

static void test_truncated_and_overlong(void **state)
{
	uint32_t mmap_off = 8;

	start();
	add_mmap(qemu_map, QEMU_MAP_N, 24);
	finish();
	put32(0, 8 + 16 + 24 * 2); /* total_size cuts the mmap tag */
	expect_error(-EINVAL, "tag type 6 at offset 0x8");
	put32(0, B.off);
	put32(mmap_off + 4, B.off); /* tag claims to run past the end */
	expect_error(-EINVAL, "outside total_size");
	put32(mmap_off + 4, 4); /* smaller than a tag header */
	expect_error(-EINVAL, "size 4");
}

static void test_end_tag(void **state)
{
	start();
	add_mmap(qemu_map, 2, 24);
	put32(0, B.off); /* no end tag at all */
	expect_error(-EINVAL, "no end tag");
	start();
	add_mmap(qemu_map, 2, 24);
	tag(T_END, 8);
	put32(0, B.off);
	expect_error(-EINVAL, "end tag");
	start();
	add_string(T_CMDLINE, "x");
	finish();
	expect_error(-EINVAL, "no memory map");
}

static void test_mmap_errors(void **state)
{
	struct e820 wrap = E820(0xfffffffffffff000ULL, 0x2000, 1);

	start();
	add_mmap(qemu_map, 2, 16);
	finish();
	expect_error(-EINVAL, "entry_size 16");
	start();
	add_mmap(qemu_map, 2, 24);
	finish();
	put32(12, 16 + 24 * 2 - 4); /* entries no longer a whole multiple */
	expect_error(-EINVAL, "entry_size 24");
	start();
	add_mmap(&wrap, 1, 24);
	finish();
	expect_error(-EINVAL, "entry 0");
	start();
	tag(T_MMAP, 4);
	finish();
	expect_error(-EINVAL, "mmap tag at offset 0x8: size 12 too small");
	start();
	add_mmap(qemu_map, 1, 24);
	tag(T_LOAD_BASE, 0);
	finish();
	expect_error(-EINVAL, "load base tag at offset 0x30: size 8 too small");
}

static void test_too_many_entries(void **state)
{
	static struct e820 many[MB2_MAX_MMAP + 1];

	for (unsigned i = 0; i <= MB2_MAX_MMAP; i++)
		many[i] = (struct e820){.base = i * 0x10000ULL, .len = 0x1000, .type = 1};
	start();
	add_mmap(many, MB2_MAX_MMAP, 24);
	finish();
	assert_int_equal(parse(), 0);
	assert_int_equal(info.mmap_count, MB2_MAX_MMAP);
	start();
	add_mmap(many, MB2_MAX_MMAP + 1, 24);
	finish();
	expect_error(-E2BIG, "more than 128 entries");
}

static void test_modules(void **state)
{
	start();
	add_mmap(qemu_map, 1, 24);
	for (unsigned i = 0; i < MB2_MAX_MODULES; i++)
		add_module(i * 0x1000, i * 0x1000 + 0x800, "m");
	finish();
	assert_int_equal(parse(), 0);
	assert_int_equal(info.module_count, MB2_MAX_MODULES);
	B.off -= 8;
	add_module(0, 0, "one too many");
	finish();
	expect_error(-E2BIG, "more than 32 modules");

	start();
	add_mmap(qemu_map, 1, 24);
	add_module(0x3000, 0x2000, "backwards");
	finish();
	expect_error(-EINVAL, "start 0x3000 > end 0x2000");
	start();
	add_mmap(qemu_map, 1, 24);
	tag(T_MODULE, 7);
	finish();
	expect_error(-EINVAL, "module tag at offset 0x30: size 15 too small");
	start();
	add_mmap(qemu_map, 1, 24);
	memset(tag(T_MODULE, 12), 'x', 12);
	finish();
	expect_error(-EINVAL, "tag type 3 at offset 0x30: string not NUL-terminated");
}

static void test_strings_and_duplicates(void **state)
{
	start();
	add_mmap(qemu_map, 1, 24);
	memset(tag(T_CMDLINE, 5), 'x', 5);
	finish();
	expect_error(-EINVAL, "not NUL-terminated");
	start();
	add_mmap(qemu_map, 1, 24);
	add_string(T_CMDLINE, "a");
	add_string(T_CMDLINE, "b");
	finish();
	expect_error(-EINVAL, "duplicate");
	start();
	add_mmap(qemu_map, 1, 24);
	tag(T_ACPI_NEW, 20);
	finish();
	expect_error(-EINVAL, "ACPI RSDP tag type 15");
}

static void test_err_optional(void **state)
{
	char tiny[8];

	start();
	finish();
	assert_int_equal(mb2_parse(B.buf, INFO_PHYS, &info, NULL, 0), -EINVAL);
	assert_int_equal(mb2_parse(B.buf, INFO_PHYS, &info, tiny, sizeof(tiny)), -EINVAL);
	assert_int_equal(strlen(tiny), sizeof(tiny) - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bios_like),
	    cmocka_unit_test(test_efi_like),
	    cmocka_unit_test(test_mmap_wide_entries_and_types),
	    cmocka_unit_test(test_header_errors),
	    cmocka_unit_test(test_truncated_and_overlong),
	    cmocka_unit_test(test_end_tag),
	    cmocka_unit_test(test_mmap_errors),
	    cmocka_unit_test(test_too_many_entries),
	    cmocka_unit_test(test_modules),
	    cmocka_unit_test(test_strings_and_duplicates),
	    cmocka_unit_test(test_err_optional),
	};

	return cmocka_run_group_tests_name("mb2", tests, NULL, NULL);
}
