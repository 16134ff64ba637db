// SPDX-License-Identifier: BSD-2-Clause
// A partition's ACPI tables, built by partitions/acpi_build.c and read back with the hypervisor's
// own parser (kernel/acpi): CPU list, checksums, hardware-reduced FADT, DSDT, RSDP revision 2.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "acpi.h"
#include "acpi_build.h"
#include "config.h"

#define BIOS_AREA 0xE0000ULL
#define AREA_LEN  0x20000
#define HIGH_GPA  0x240000000ULL /* above 4 GiB: only an XSDT reaches it */
#define ERRLEN	  200
#define HDR	  sizeof(struct acpi_sdt_header)

static uint8_t area[AREA_LEN];
static uint64_t area_gpa;
static struct acpi_build_out out;
static struct acpi_tables T;
static struct acpi_madt_info M;
static char err[ERRLEN];

static const void *map(uint64_t phys, size_t len, void *ctx)
{
	(void)ctx;
	if (phys < area_gpa || len > AREA_LEN || phys - area_gpa > AREA_LEN - len)
		return NULL;
	return area + (phys - area_gpa);
}

static void *at(uint64_t gpa)
{
	void *p = (void *)map(gpa, 1, NULL);

	assert_non_null(p);
	return p;
}

/* Build for @ids at @gpa, then find and load the tables as a guest would. */
static void build_and_load(uint64_t gpa, const uint32_t *ids, size_t n)
{
	uint64_t rsdp;

	memset(area, 0, sizeof(area));
	area_gpa = gpa;
	assert_int_equal(acpi_build(area, sizeof(area), gpa, ids, n, &out), 0);
	assert_int_equal(acpi_find_rsdp(area, sizeof(area), gpa, &rsdp), 0);
	assert_int_equal(rsdp, gpa);
	assert_int_equal(out.rsdp_gpa, gpa);
	assert_int_equal(acpi_load_tables(area, ACPI_RSDP_V2_LEN, rsdp, map, NULL, &T, err, ERRLEN),
			 0);
	assert_string_equal(err, "");
}

static const struct acpi_sdt_header *table(const char *sig)
{
	const struct acpi_sdt_header *h = acpi_get_table(&T, sig, 0, map, NULL);

	assert_non_null(h);
	return h;
}

static void parse_madt(void)
{
	const struct acpi_sdt_header *h = table("APIC");

	assert_int_equal(acpi_parse_madt(h, h->length, &M, err, ERRLEN), 0);
}

static void xsdt_rooted_rsdp_v2(void **state)
{
	static const uint32_t ids[] = {0};
	const struct acpi_rsdp *r = (const void *)area;

	build_and_load(BIOS_AREA, ids, 1);
	assert_int_equal(r->revision, 2);
	assert_int_equal(r->length, ACPI_RSDP_V2_LEN);
	assert_int_equal(acpi_checksum(r, ACPI_RSDP_V1_LEN), 0);
	assert_int_equal(acpi_checksum(r, ACPI_RSDP_V2_LEN), 0);
	assert_int_equal(r->rsdt_address, 0);
	assert_true(T.xsdt);
	assert_int_equal(T.root_phys, out.xsdt_gpa);
	assert_int_equal(T.bad, 0);
	assert_int_equal(T.count, 3);
	assert_memory_equal(T.table[0].sig, "FACP", 4);
	assert_memory_equal(T.table[1].sig, "APIC", 4);
	assert_memory_equal(T.table[2].sig, "DSDT", 4);
	for (size_t i = 0; i < T.count; i++)
		assert_int_equal(acpi_checksum(at(T.table[i].phys), T.table[i].length), 0);
	assert_int_equal(T.table[0].phys % 16, 0);
	assert_true(out.size <= acpi_build_size(1));
}

static void madt_lists_the_partition_cpus(void **state)
{
	static const uint32_t ids[] = {3, 1, 7, 254, 255, 300};
	const size_t n = sizeof(ids) / sizeof(ids[0]);

	build_and_load(BIOS_AREA, ids, n);
	parse_madt();
	assert_int_equal(M.lapic_addr, 0xFEE00000);
	assert_int_equal(M.flags & ACPI_MADT_PCAT_COMPAT, 0);
	assert_int_equal(M.nioapics, 1); /* the virtual one, pins from GSI 0 */
	assert_int_equal(M.ioapic[0].addr, 0xFEC00000);
	assert_int_equal(M.ioapic[0].id, 0);
	assert_int_equal(M.ioapic[0].gsi_base, 0);
	assert_int_equal(M.novr, 0);
	assert_int_equal(M.ncpus, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(M.cpu[i].uid, i);
		assert_int_equal(M.cpu[i].apic_id, ids[i]);
		assert_true(M.cpu[i].enabled);
		assert_int_equal(M.cpu[i].x2apic, ids[i] > 254);
	}
}

static void fadt_is_hardware_reduced(void **state)
{
	static const uint32_t ids[] = {0, 1};
	const struct acpi_sdt_header *h;
	struct acpi_fadt_info f;

	build_and_load(BIOS_AREA, ids, 2);
	h = table("FACP");
	assert_int_equal(acpi_parse_fadt(h, h->length, &f, err, ERRLEN), 0);
	assert_true(f.revision >= 5);
	assert_int_equal(h->length, 276);
	assert_int_equal(f.minor, 5);
	assert_true(f.flags & ACPI_FADT_HW_REDUCED);
	assert_int_equal(f.x_dsdt, out.dsdt_gpa);
	assert_int_equal(f.dsdt, out.dsdt_gpa);
	assert_int_equal(f.dsdt32, 0);
	assert_int_equal(f.facs, 0);
	assert_int_equal(f.boot_arch, ACPI_FADT_BOOT_NO_VGA | ACPI_FADT_BOOT_NO_CMOS);
	assert_string_equal(f.hv_vendor, "Bulkhead");
	/* RESET_REG (offset 116): a byte in system I/O at the partition's reset port. */
	assert_true(f.flags & (1U << 10));
	assert_memory_equal((const uint8_t *)h + 116, "\x01\x08\x00\x01\x00\x06\0\0\0\0\0\0", 12);
	assert_int_equal(((const uint8_t *)h)[128], CFG_RESET_VALUE);
}

/* PkgLength (ACPI 6.5 20.2.4): the value counts its own bytes. */
static size_t pkglen(const uint8_t *p, size_t *nbytes)
{
	size_t n = (p[0] >> 6) + 1, v = n == 1 ? p[0] : p[0] & 0xF;

	for (size_t i = 1; i < n; i++)
		v |= (size_t)p[i] << (4 + 8 * (i - 1));
	*nbytes = n;
	return v;
}

/* Scope (\_SB) { Device (Cnnn) { Name (_HID, "ACPI0007") Name (_UID, n) } ... } */
static void check_dsdt(size_t ncpus, size_t want_pkg_bytes)
{
	static uint32_t ids[ACPI_BUILD_MAX_CPUS];
	const struct acpi_sdt_header *h;
	const uint8_t *a;
	size_t nb, len;
	char name[8];

	for (size_t i = 0; i < ncpus; i++)
		ids[i] = (uint32_t)i;
	build_and_load(BIOS_AREA, ids, ncpus);
	h = table("DSDT");
	assert_int_equal(h->revision, 2);
	assert_memory_equal(h->oem_id, "BULKHD", 6);
	a = (const uint8_t *)h + HDR;
	assert_int_equal(a[0], 0x10);
	len = pkglen(a + 1, &nb);
	assert_int_equal(nb, want_pkg_bytes);
	assert_int_equal(1 + len, h->length - HDR);
	assert_memory_equal(a + 1 + nb, "\\_SB_", 5);
	a += 1 + nb + 5;
	for (size_t i = 0; i < ncpus; i++, a += 2 + len) {
		assert_int_equal(a[0], 0x5B);
		assert_int_equal(a[1], 0x82);
		len = pkglen(a + 2, &nb);
		assert_int_equal(nb, 1);
		snprintf(name, sizeof(name), "C%03X", (unsigned)i & 0xFFF);
		assert_memory_equal(a + 3, name, 4);
		assert_memory_equal(a + 7,
				    "\x08_HID\x0D"
				    "ACPI0007",
				    15);
		assert_memory_equal(a + 22, "\x08_UID\x0C", 6);
		assert_int_equal(a[28] | a[29] << 8 | a[30] << 16 | (uint32_t)a[31] << 24, i);
	}
	/* Device (COM1) { _HID EisaId ("PNP0501"), _UID 0, _CRS: I/O 0x3f8-0x3ff, IRQ 4 }. */
	static const uint8_t com1[] = "\x5B\x82\x2B"
				      "COM1"
				      "\x08_HID\x0C\x41\xD0\x05\x01"
				      "\x08_UID\x00"
				      "\x08_CRS\x11\x10\x0A\x0D"
				      "\x47\x01\xF8\x03\xF8\x03\x01\x08"
				      "\x22\x10\x00"
				      "\x79\x00";
	assert_memory_equal(a, com1, sizeof(com1) - 1);
	a += sizeof(com1) - 1;
	assert_ptr_equal(a, (const uint8_t *)h + h->length);
}

static void dsdt_declares_each_processor(void **state)
{
	check_dsdt(1, 2);
	check_dsdt(64, 2);
	check_dsdt(ACPI_BUILD_MAX_CPUS, 3);
}

static void tables_above_4g(void **state)
{
	static const uint32_t ids[] = {2};
	const struct acpi_rsdp *r = (const void *)area;

	build_and_load(HIGH_GPA, ids, 1);
	assert_true(r->xsdt_address > UINT32_MAX);
	assert_int_equal(T.count, 3);
	parse_madt();
	assert_int_equal(M.cpu[0].apic_id, 2);
}

static void corruption_is_caught(void **state)
{
	static const uint32_t ids[] = {0, 1};

	build_and_load(BIOS_AREA, ids, 2);
	((uint8_t *)at(out.madt_gpa))[HDR + 8 + 3]++; /* CPU 0's APIC ID */
	assert_int_equal(
	    acpi_load_tables(area, ACPI_RSDP_V2_LEN, out.rsdp_gpa, map, NULL, &T, err, ERRLEN), 0);
	assert_int_equal(T.bad, 1);
	assert_non_null(strstr(err, "APIC"));
	assert_non_null(strstr(err, "checksum"));
}

static void refused_inputs(void **state)
{
	static uint32_t ids[ACPI_BUILD_MAX_CPUS + 1] = {0, 1, 2};

	assert_int_equal(acpi_build(area, sizeof(area), BIOS_AREA, ids, 0, &out), -EINVAL);
	assert_int_equal(
	    acpi_build(area, sizeof(area), BIOS_AREA, ids, ACPI_BUILD_MAX_CPUS + 1, &out), -EINVAL);
	assert_int_equal(acpi_build(area, sizeof(area), BIOS_AREA + 8, ids, 3, &out), -EINVAL);
	assert_int_equal(acpi_build(area, sizeof(area), BIOS_AREA, ids, 3, &out), 0);
	assert_int_equal(acpi_build(area, out.size - 1, BIOS_AREA, ids, 3, &out), -E2BIG);
}

static void worst_case_size_is_an_upper_bound(void **state)
{
	static uint32_t ids[ACPI_BUILD_MAX_CPUS];

	for (size_t i = 0; i < ACPI_BUILD_MAX_CPUS; i++)
		ids[i] = 1000 + (uint32_t)i; /* all x2APIC: the largest MADT */
	assert_int_equal(acpi_build(area, sizeof(area), BIOS_AREA, ids, ACPI_BUILD_MAX_CPUS, &out),
			 0);
	assert_true(out.size <= acpi_build_size(ACPI_BUILD_MAX_CPUS));
	assert_true(acpi_build_size(ACPI_BUILD_MAX_CPUS) <= 0x10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(xsdt_rooted_rsdp_v2),
	    cmocka_unit_test(madt_lists_the_partition_cpus),
	    cmocka_unit_test(fadt_is_hardware_reduced),
	    cmocka_unit_test(dsdt_declares_each_processor),
	    cmocka_unit_test(tables_above_4g),
	    cmocka_unit_test(corruption_is_caught),
	    cmocka_unit_test(refused_inputs),
	    cmocka_unit_test(worst_case_size_is_an_upper_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
