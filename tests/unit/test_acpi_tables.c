// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of the MCFG, HPET, SRAT, DMAR and IVRS parsers: tables QEMU built (captured under
// tests/unit/data and tests/boards), and synthesized ones for what QEMU does not make.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "acpi_tables.h"

#define ERRLEN	 200
#define HDR	 36
#define Q35_DMAR BOARDS_DIR "/qemu-q35-iommu/root/sys/firmware/acpi/tables/DMAR"
#define Q35_IVRS BOARDS_DIR "/qemu-q35-amd-iommu/root/sys/firmware/acpi/tables/IVRS"

static char err[ERRLEN];
static uint8_t *table;
static size_t table_len;

static void load(const char *path)
{
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	table = calloc(1, 1 << 16);
	assert_non_null(table);
	table_len = fread(table, 1, 1 << 16, f);
	fclose(f);
	assert_true(table_len >= HDR);
}

static int teardown(void **state)
{
	free(table);
	table = NULL;
	return 0;
}

/* A table of @len bytes with signature @sig; entries are written by the caller, then sealed. */
static uint8_t *make(const char *sig, size_t len)
{
	uint32_t l = (uint32_t)len;

	table = calloc(1, len);
	assert_non_null(table);
	memcpy(table, sig, 4);
	memcpy(table + 4, &l, 4);
	table_len = len;
	return table;
}

static void seal(void)
{
	table[9] = 0;
	table[9] = (uint8_t)-acpi_checksum(table, table_len);
}

static void put16(size_t off, uint16_t v)
{
	memcpy(table + off, &v, 2);
}

static void put32(size_t off, uint32_t v)
{
	memcpy(table + off, &v, 4);
}

static void put64(size_t off, uint64_t v)
{
	memcpy(table + off, &v, 8);
}

static void test_mcfg_q35(void **state)
{
	struct acpi_mcfg_info m;

	load(UNIT_DATA_DIR "/acpi/qemu-q35/MCFG.bin");
	assert_int_equal(acpi_parse_mcfg(table, table_len, &m, err, ERRLEN), 0);
	assert_int_equal(m.count, 1);
	assert_int_equal(m.win[0].base, 0xb0000000);
	assert_int_equal(m.win[0].segment, 0);
	assert_int_equal(m.win[0].bus_start, 0);
	assert_int_equal(m.win[0].bus_end, 255);
}

static void test_mcfg_refused(void **state)
{
	struct acpi_mcfg_info m;

	load(UNIT_DATA_DIR "/acpi/qemu-q35/MCFG.bin");
	table[50]++; /* inside the entry's base: checksum off */
	assert_int_equal(acpi_parse_mcfg(table, table_len, &m, err, ERRLEN), -EINVAL);
	assert_string_equal(err, "MCFG: checksum off by 0x1");
	table[50]--;
	assert_int_equal(acpi_parse_mcfg(table, table_len - 1, &m, err, ERRLEN), -EINVAL);
	assert_string_equal(err, "MCFG: header length 60 outside [44, 59]");
	free(table);
	make("MCFG", 44 + 16);
	put64(44, 0xb0080000); /* not 1 MiB aligned */
	table[44 + 11] = 255;
	seal();
	assert_int_equal(acpi_parse_mcfg(table, table_len, &m, err, ERRLEN), -EINVAL);
	assert_string_equal(err, "MCFG: entry at offset 0x2c: buses 0-255 at 0xb0080000: reversed "
				 "range or base not 1 MiB aligned");
	assert_int_equal(m.count, 0);
}

static void test_hpet_q35(void **state)
{
	struct acpi_hpet_info h;

	load(UNIT_DATA_DIR "/acpi/qemu-q35/HPET.bin");
	assert_int_equal(acpi_parse_hpet(table, table_len, &h, err, ERRLEN), 0);
	assert_int_equal(h.base, 0xfed00000);
	assert_int_equal(h.space_id, ACPI_GAS_MEMORY);
	assert_int_equal(h.comparators, 3);
	assert_int_equal(h.vendor_id, 0x8086);
	put64(44, 0);
	seal();
	assert_int_equal(acpi_parse_hpet(table, table_len, &h, err, ERRLEN), -EINVAL);
	assert_string_equal(err, "HPET: base 0 is zero or not 1 KiB aligned");
}

static void test_wrong_signature(void **state)
{
	struct acpi_hpet_info h;

	load(UNIT_DATA_DIR "/acpi/qemu-q35/MCFG.bin");
	assert_int_equal(acpi_parse_hpet(table, table_len, &h, err, ERRLEN), -EINVAL);
	assert_string_equal(err, "HPET: signature is not HPET");
	assert_int_equal(acpi_check_sdt(table, 20, "MCFG", HDR, err, ERRLEN), -EINVAL);
	assert_string_equal(err, "MCFG: 20 bytes, shorter than its 36-byte header");
}

/* QEMU's q35 with -device intel-iommu: one unit, an IOAPIC and the PCI functions it names. */
static void test_dmar_q35(void **state)
{
	static struct acpi_iommu_info io;

	load(Q35_DMAR);
	assert_int_equal(acpi_parse_dmar(table, table_len, &io, err, ERRLEN), 0);
	assert_false(io.amd);
	assert_int_equal(io.host_addr_width, 38);
	assert_int_equal(io.nunits, 1);
	assert_int_equal(io.unit[0].base, 0xfed90000);
	assert_false(io.unit[0].include_all);
	assert_int_equal(io.nscopes, 7);
	assert_int_equal(io.scope[0].type, ACPI_SCOPE_IOAPIC);
	assert_int_equal(io.scope[0].bdf, ACPI_BDF(0xff, 0, 0));
	assert_int_equal(io.scope[2].type, ACPI_SCOPE_ENDPOINT);
	assert_int_equal(io.scope[2].bdf, ACPI_BDF(0, 1, 0));
	assert_int_equal(io.scope[2].depth, 1);
	assert_int_equal(io.nresv, 0);
}

/* QEMU's q35 with -device amd-iommu: the IOMMU is 00:02.0, each PCI function selected by ID. */
static void test_ivrs_q35(void **state)
{
	static struct acpi_iommu_info io;
	bool edu = false, ioapic = false;

	load(Q35_IVRS);
	assert_int_equal(acpi_parse_ivrs(table, table_len, &io, err, ERRLEN), 0);
	assert_true(io.amd);
	assert_int_equal(io.nunits, 1);
	assert_int_equal(io.unit[0].base, 0xfed80000);
	assert_int_equal(io.unit[0].bdf, ACPI_BDF(0, 2, 0));
	for (size_t i = 0; i < io.nscopes; i++) {
		edu |=
		    io.scope[i].type == ACPI_SCOPE_ENDPOINT && io.scope[i].bdf == ACPI_BDF(0, 3, 0);
		ioapic |= io.scope[i].type == ACPI_SCOPE_IOAPIC &&
			  io.scope[i].bdf == ACPI_BDF(0, 0x14, 0);
	}
	assert_true(edu);
	assert_true(ioapic);
	table[40]++; /* reserved, but inside the checksum */
	assert_int_equal(acpi_parse_ivrs(table, table_len, &io, err, ERRLEN), -EINVAL);
	assert_string_equal(err, "IVRS: checksum off by 0x1");
}

static void test_dmar_rmrr_and_bad_scope(void **state)
{
	static struct acpi_iommu_info io;

	make("DMAR", 48 + 24 + 16 + 8);
	put16(48, 1); /* RMRR */
	put16(50, 24);
	put64(56, 0xe8000);
	put64(64, 0xe8fff);
	put16(72, 0); /* DRHD, INCLUDE_PCI_ALL, one endpoint scope */
	put16(74, 24);
	table[76] = 1;
	put64(80, 0xfed91000);
	table[88] = ACPI_SCOPE_ENDPOINT;
	table[89] = 8;
	table[93] = 2; /* bus 2 */
	table[94] = 3; /* device 3 */
	table[95] = 1; /* function 1 */
	seal();
	assert_int_equal(acpi_parse_dmar(table, table_len, &io, err, ERRLEN), 0);
	assert_int_equal(io.nresv, 1);
	assert_int_equal(io.resv[0].base, 0xe8000);
	assert_int_equal(io.resv[0].end, 0xe8fff);
	assert_true(io.unit[0].include_all);
	assert_int_equal(io.scope[0].bdf, ACPI_BDF(2, 3, 1));
	table[89] = 9; /* odd path length */
	seal();
	assert_int_equal(acpi_parse_dmar(table, table_len, &io, err, ERRLEN), -EINVAL);
	assert_string_equal(err, "DMAR: device scope at offset 0x58: length 9");
	assert_int_equal(io.nunits, 0);
}

static void test_srat(void **state)
{
	static struct acpi_srat_info s;

	make("SRAT", 48 + 16 + 40 + 24 + 16);
	table[48] = 0; /* local APIC 3 in domain 0x0102 */
	table[49] = 16;
	table[50] = 0x02;
	table[51] = 3;
	put32(52, 1);
	table[57] = 0x01;
	table[64] = 1; /* memory 1 GiB at 4 GiB, domain 1, hot-pluggable */
	table[65] = 40;
	put32(66, 1);
	put64(72, 0x100000000);
	put64(80, 0x40000000);
	put32(92, 3);
	table[104] = 2; /* x2APIC 0x100, disabled: left out */
	table[105] = 24;
	put32(112, 0x100);
	table[128] = 0; /* local APIC 4, enabled */
	table[129] = 16;
	table[131] = 4;
	put32(132, 1);
	seal();
	assert_int_equal(acpi_parse_srat(table, table_len, &s, err, ERRLEN), 0);
	assert_int_equal(s.ncpus, 2);
	assert_int_equal(s.cpu[0].apic_id, 3);
	assert_int_equal(s.cpu[0].domain, 0x0102);
	assert_int_equal(s.cpu[1].apic_id, 4);
	assert_int_equal(s.nmem, 1);
	assert_int_equal(s.mem[0].base, 0x100000000);
	assert_int_equal(s.mem[0].domain, 1);
	assert_true(s.mem[0].flags & ACPI_SRAT_MEM_HOTPLUG);
	table[129] = 17; /* runs past the table */
	seal();
	assert_int_equal(acpi_parse_srat(table, table_len, &s, err, ERRLEN), -EINVAL);
	assert_string_equal(err, "SRAT: entry at offset 0x80 runs past length 144");
}

static void test_ivrs(void **state)
{
	static struct acpi_iommu_info io;

	make("IVRS", 48 + 24 + 4 + 8 + 4 + 4 + 32 + 40);
	table[48] = 0x10; /* IVHD at 0xfeb80000, the IOMMU itself 00:02.0 */
	put16(50, 24 + 4 + 8 + 4 + 4);
	put16(52, ACPI_BDF(0, 2, 0));
	put64(56, 0xfeb80000);
	table[72] = 1;	  /* all devices */
	table[76] = 0x48; /* special: IOAPIC 9, requester 00:14.0 */
	table[80] = 9;
	put16(81, ACPI_BDF(0, 0x14, 0));
	table[83] = 1;
	table[84] = 3; /* range 01:00.0-01:1f.7 */
	put16(85, ACPI_BDF(1, 0, 0));
	table[88] = 4;
	put16(89, ACPI_BDF(1, 0x1f, 7));
	table[92] = 0x21; /* IVMD 1 MiB at 0xe0000000 */
	put16(94, 32);
	put64(108, 0xe0000000);
	put64(116, 0x100000);
	table[124] = 0x11; /* a type 11h copy of the IVHD: ignored */
	put16(126, 40);
	seal();
	assert_int_equal(acpi_parse_ivrs(table, table_len, &io, err, ERRLEN), 0);
	assert_true(io.amd);
	assert_int_equal(io.nunits, 1);
	assert_int_equal(io.unit[0].base, 0xfeb80000);
	assert_int_equal(io.unit[0].bdf, ACPI_BDF(0, 2, 0));
	assert_true(io.unit[0].include_all);
	assert_int_equal(io.nscopes, 2);
	assert_int_equal(io.scope[0].type, ACPI_SCOPE_IOAPIC);
	assert_int_equal(io.scope[0].enum_id, 9);
	assert_int_equal(io.scope[1].bdf, ACPI_BDF(1, 0, 0));
	assert_int_equal(io.scope[1].bdf_last, ACPI_BDF(1, 0x1f, 7));
	assert_int_equal(io.nresv, 1);
	assert_int_equal(io.resv[0].end, 0xe00fffff);
	table[84] = 0; /* the range end now has no start */
	seal();
	assert_int_equal(acpi_parse_ivrs(table, table_len, &io, err, ERRLEN), -EINVAL);
	assert_string_equal(err, "IVRS: device range end at offset 0x58 without a start below it");
	assert_int_equal(io.nunits, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_mcfg_q35, teardown),
	    cmocka_unit_test_teardown(test_mcfg_refused, teardown),
	    cmocka_unit_test_teardown(test_hpet_q35, teardown),
	    cmocka_unit_test_teardown(test_wrong_signature, teardown),
	    cmocka_unit_test_teardown(test_dmar_q35, teardown),
	    cmocka_unit_test_teardown(test_ivrs_q35, teardown),
	    cmocka_unit_test_teardown(test_dmar_rmrr_and_bad_scope, teardown),
	    cmocka_unit_test_teardown(test_srat, teardown),
	    cmocka_unit_test_teardown(test_ivrs, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
