// SPDX-License-Identifier: BSD-2-Clause
// Unit tests for RSDP/RSDT/XSDT discovery and MADT parsing on tables captured from QEMU+SeaBIOS.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "acpi.h"

#define MAX_REGIONS   24
#define BIOS_AREA     0xE0000ULL
#define BIOS_AREA_LEN 0x20000
#define HIGH_PHYS     0x100000000ULL /* above 4 GiB: only an XSDT can point there */
#define SPARE_PHYS    0x3fff0000ULL  /* free guest RAM for synthesized tables */
#define LEN_OFF	      4
#define CSUM_OFF      9
#define MADT_HDR      44
#define ERRLEN	      200

/* The guest-physical view rebuilt from a capture: one region per saved table. */
struct region {
	char sig[5];
	uint64_t phys;
	size_t len;
	uint8_t *data;
};

static struct region R[MAX_REGIONS];
static size_t NR, NCAPTURED; /* regions, of which the first NCAPTURED come from the capture */
static void *scratch[MAX_REGIONS];
static size_t NSCRATCH;
static char err[ERRLEN];
static struct acpi_tables T;
static struct acpi_madt_info M;

/* Zeroed memory released by the teardown, so failing assertions leak nothing. */
static void *scratch_alloc(size_t len)
{
	void *p = calloc(1, len);

	assert_non_null(p);
	assert_true(NSCRATCH < MAX_REGIONS);
	scratch[NSCRATCH++] = p;
	return p;
}

static struct region *add_region(const char *sig, uint64_t phys, size_t len)
{
	struct region *r = &R[NR++];

	assert_true(NR <= MAX_REGIONS);
	snprintf(r->sig, sizeof(r->sig), "%s", sig);
	r->phys = phys;
	r->len = len;
	r->data = scratch_alloc(len);
	return r;
}

static struct region *find(const char *sig)
{
	for (size_t i = 0; i < NR; i++)
		if (!strcmp(R[i].sig, sig))
			return &R[i];
	fail_msg("no %s in capture", sig);
	return NULL;
}

static const void *map(uint64_t phys, size_t len, void *ctx)
{
	for (size_t i = 0; i < NR; i++)
		if (phys >= R[i].phys && len <= R[i].len && phys - R[i].phys <= R[i].len - len)
			return R[i].data + (phys - R[i].phys);
	return NULL;
}

static int load_capture(void **state)
{
	char path[512], line[256], sig[8], file[64];
	uint64_t phys;
	size_t len;
	FILE *mf, *f;

	NR = NSCRATCH = 0;
	snprintf(path, sizeof(path), "%s/acpi/%s/manifest.txt", UNIT_DATA_DIR, (char *)*state);
	mf = fopen(path, "r");
	assert_non_null(mf);
	while (fgets(line, sizeof(line), mf)) {
		if (line[0] == '#' ||
		    sscanf(line, "%4s %" SCNx64 " %zu %63s", sig, &phys, &len, file) != 4)
			continue;
		snprintf(path, sizeof(path), "%s/acpi/%s/%s", UNIT_DATA_DIR, (char *)*state, file);
		f = fopen(path, "rb");
		assert_non_null(f);
		assert_int_equal(fread(add_region(sig, phys, len)->data, 1, len, f), len);
		fclose(f);
	}
	fclose(mf);
	NCAPTURED = NR;
	return 0;
}

static int drop_capture(void **state)
{
	while (NSCRATCH)
		free(scratch[--NSCRATCH]);
	NR = NCAPTURED = 0;
	return 0;
}

static void seal(uint8_t *t, uint32_t len)
{
	memcpy(t + LEN_OFF, &len, sizeof(len));
	t[CSUM_OFF] = 0;
	t[CSUM_OFF] = -acpi_checksum(t, len);
}

static void seal_rsdp(uint8_t *r, size_t len)
{
	r[8] = 0;
	r[8] = -acpi_checksum(r, ACPI_RSDP_V1_LEN);
	if (len > ACPI_RSDP_V1_LEN) {
		r[32] = 0;
		r[32] = -acpi_checksum(r, len);
	}
}

static int load(void)
{
	struct region *rsdp = find("RSDP");

	return acpi_load_tables(rsdp->data, rsdp->len, rsdp->phys, map, NULL, &T, err, sizeof(err));
}

static void expect_err(const char *needle)
{
	if (!strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
}

static void test_find_rsdp(void **state)
{
	struct region *rsdp = find("RSDP");
	uint8_t *area = scratch_alloc(BIOS_AREA_LEN);
	size_t at = rsdp->phys - BIOS_AREA;
	uint64_t found = 0;

	memcpy(area + at, rsdp->data, rsdp->len);
	memcpy(area + 0x100, "RSD PTR ", 8);	     /* aligned, bad checksum */
	memcpy(area + 0x208, rsdp->data, rsdp->len); /* valid but unaligned */
	memcpy(area + 0x300, rsdp->data, rsdp->len); /* valid v1 sum, bad v2 sum */
	area[0x300 + 15] = 2;
	area[0x300 + 8] -= 2;
	area[0x300 + 20] = ACPI_RSDP_V2_LEN;
	assert_int_equal(acpi_find_rsdp(area, BIOS_AREA_LEN, BIOS_AREA, &found), 0);
	assert_int_equal(found, rsdp->phys);
	/* Alignment is of the physical address, not of the buffer offset. */
	assert_int_equal(acpi_find_rsdp(area + 8, BIOS_AREA_LEN - 8, BIOS_AREA + 8, &found), 0);
	assert_int_equal(found, rsdp->phys);
	assert_int_equal(acpi_find_rsdp(area, at + 19, BIOS_AREA, &found), -ENOENT);
	memset(area + at, 0, rsdp->len);
	assert_int_equal(acpi_find_rsdp(area, BIOS_AREA_LEN, BIOS_AREA, &found), -ENOENT);
	assert_int_equal(acpi_find_rsdp(area + 0x208, 0x20, BIOS_AREA + 0x208, &found), -ENOENT);
}

static void assert_tables_match_capture(void)
{
	size_t n = 0;

	for (size_t i = 0; i < NCAPTURED; i++) {
		if (!strcmp(R[i].sig, "RSDP") || !strcmp(R[i].sig, "RSDT") ||
		    !strcmp(R[i].sig, "FACS"))
			continue;
		assert_true(n < T.count);
		assert_memory_equal(T.table[n].sig, R[i].sig, 4);
		assert_int_equal(T.table[n].phys, R[i].phys);
		assert_int_equal(T.table[n].length, R[i].len);
		n++;
	}
	assert_int_equal(T.count, n);
}

static void test_load_tables(void **state)
{
	const struct acpi_sdt_header *h;

	assert_int_equal(load(), 0);
	assert_string_equal(err, "");
	assert_int_equal(T.rsdp_phys, find("RSDP")->phys);
	assert_int_equal(T.revision, 0); /* SeaBIOS: ACPI 1.0 RSDP, RSDT only */
	assert_false(T.xsdt);
	assert_int_equal(T.root_phys, find("RSDT")->phys);
	assert_int_equal(T.bad, 0);
	assert_tables_match_capture();
	h = acpi_get_table(&T, "APIC", 0, map, NULL);
	assert_ptr_equal(h, find("APIC")->data);
	assert_ptr_equal(acpi_get_table(&T, "DSDT", 0, map, NULL), find("DSDT")->data);
	assert_null(acpi_get_table(&T, "APIC", 1, map, NULL));
	assert_null(acpi_get_table(&T, "SSDT", 0, map, NULL));
	find("APIC")->data[20] ^= 1; /* tables are re-validated on every lookup */
	assert_null(acpi_get_table(&T, "APIC", 0, map, NULL));
}

static void test_bad_tables_skipped(void **state)
{
	struct region *apic = find("APIC"), *hpet = find("HPET");
	char where[64];

	apic->data[CSUM_OFF] ^= 0x5a;
	memset(hpet->data + LEN_OFF, 0xff, 4);
	assert_int_equal(load(), 0);
	assert_int_equal(T.bad, 2);
	snprintf(where, sizeof(where), "APIC at %#" PRIx64, apic->phys);
	expect_err(where);
	expect_err("checksum");
	for (size_t i = 0; i < T.count; i++) {
		assert_memory_not_equal(T.table[i].sig, "APIC", 4);
		assert_memory_not_equal(T.table[i].sig, "HPET", 4);
	}
	assert_null(acpi_get_table(&T, "APIC", 0, map, NULL));
	assert_non_null(acpi_get_table(&T, "FACP", 0, map, NULL));
}

static void test_rsdp_and_root_errors(void **state)
{
	struct region *rsdp = find("RSDP"), *rsdt = find("RSDT");
	uint32_t nowhere = 0x7fff0000;
	char where[64];

	assert_int_equal(acpi_load_tables(rsdp->data, 19, 0, map, NULL, &T, err, ERRLEN), -EINVAL);
	assert_int_equal(acpi_load_tables(NULL, 0, 0, map, NULL, &T, NULL, 0), -EINVAL);
	rsdp->data[8] ^= 1;
	assert_int_equal(load(), -EINVAL);
	expect_err("RSDP");
	rsdp->data[8] ^= 1;
	rsdt->data[40] ^= 1;
	assert_int_equal(load(), -EINVAL);
	snprintf(where, sizeof(where), "root table RSDT at %#" PRIx64 ": checksum", rsdt->phys);
	expect_err(where);
	assert_int_equal(T.count, 0);
	rsdt->data[40] ^= 1;
	memcpy(rsdp->data + 16, &nowhere, 4);
	seal_rsdp(rsdp->data, rsdp->len);
	assert_int_equal(load(), -EFAULT);
	expect_err("not mappable");
	memcpy(rsdp->data + 16, &find("FACP")->phys, 4); /* a valid table, but not a root */
	seal_rsdp(rsdp->data, rsdp->len);
	assert_int_equal(load(), -EINVAL);
	expect_err("RSDT at");
	expect_err("bad signature");
	memset(rsdp->data + 16, 0, 4);
	seal_rsdp(rsdp->data, rsdp->len);
	assert_int_equal(load(), -EINVAL);
	expect_err("no RSDT or XSDT");
}

/* Turn the capture into an ACPI 2.0 one: v2 RSDP, an XSDT, and the MADT moved above 4 GiB. */
static struct region *make_xsdt(void)
{
	struct region *rsdt = find("RSDT"), *old = find("RSDP"), *apic = find("APIC");
	size_t n = (rsdt->len - 36) / 4;
	struct region *x = add_region("XSDT", SPARE_PHYS, 36 + 8 * n);
	struct region *r = add_region("RSDP2", BIOS_AREA + 0x100, ACPI_RSDP_V2_LEN);
	struct region *hi = add_region("APIC", HIGH_PHYS, apic->len);
	uint32_t len = ACPI_RSDP_V2_LEN;
	uint64_t xphys = SPARE_PHYS;

	memcpy(hi->data, apic->data, apic->len);
	memcpy(x->data, rsdt->data, 36);
	memcpy(x->data, "XSDT", 4);
	for (size_t i = 0; i < n; i++) {
		uint32_t a32;
		uint64_t a64;

		memcpy(&a32, rsdt->data + 36 + 4 * i, 4);
		a64 = a32 == apic->phys ? HIGH_PHYS : a32;
		memcpy(x->data + 36 + 8 * i, &a64, 8);
	}
	seal(x->data, x->len);
	memcpy(r->data, old->data, ACPI_RSDP_V1_LEN);
	r->data[15] = 2;
	memcpy(r->data + 20, &len, 4);
	memcpy(r->data + 24, &xphys, 8);
	seal_rsdp(r->data, r->len);
	return r;
}

static void test_xsdt_preferred_and_fallback(void **state)
{
	struct region *r = make_xsdt(), *x = find("XSDT");

	assert_int_equal(acpi_load_tables(r->data, r->len, r->phys, map, NULL, &T, err, ERRLEN), 0);
	assert_true(T.xsdt);
	assert_int_equal(T.revision, 2);
	assert_int_equal(T.root_phys, SPARE_PHYS);
	assert_ptr_equal(acpi_get_table(&T, "APIC", 0, map, NULL), R[NR - 1].data);
	x->data[40] ^= 1; /* broken XSDT: fall back to the RSDT, and say so */
	assert_int_equal(acpi_load_tables(r->data, r->len, r->phys, map, NULL, &T, err, ERRLEN), 0);
	assert_false(T.xsdt);
	assert_int_equal(T.root_phys, find("RSDT")->phys);
	expect_err("XSDT");
	assert_tables_match_capture();
	r->data[32] ^= 1; /* extended checksum */
	assert_int_equal(acpi_load_tables(r->data, r->len, r->phys, map, NULL, &T, err, ERRLEN),
			 -EINVAL);
}

/* An ACPI 2.0 FADT's 64-bit X_DSDT wins over the 32-bit DSDT field. */
static void test_fadt_x_dsdt(void **state)
{
	enum { FADT_X_DSDT = 140 };
	struct region *fadt = find("FACP"), *dsdt = find("DSDT");
	struct region *hi = add_region("DSDT", HIGH_PHYS, dsdt->len);
	uint64_t at = HIGH_PHYS;
	size_t i;

	assert_true(fadt->len >= FADT_X_DSDT + 8);
	memcpy(hi->data, dsdt->data, dsdt->len);
	memcpy(fadt->data + FADT_X_DSDT, &at, sizeof(at));
	seal(fadt->data, fadt->len);
	assert_int_equal(load(), 0);
	for (i = 0; i < T.count && memcmp(T.table[i].sig, "DSDT", 4); i++)
		;
	assert_true(i < T.count);
	assert_int_equal(T.table[i].phys, HIGH_PHYS);
	assert_ptr_equal(acpi_get_table(&T, "DSDT", 0, map, NULL), hi->data);
}

static void test_too_many_tables(void **state)
{
	struct region *rsdp = find("RSDP"), *apic = find("APIC");
	size_t n = ACPI_MAX_TABLES + 1;
	struct region *big = add_region("RSDT2", SPARE_PHYS, 36 + 4 * n);
	uint32_t a = apic->phys, at = SPARE_PHYS;

	memcpy(big->data, find("RSDT")->data, 36);
	for (size_t i = 0; i < n; i++)
		memcpy(big->data + 36 + 4 * i, &a, 4);
	seal(big->data, big->len);
	memcpy(rsdp->data + 16, &at, 4);
	seal_rsdp(rsdp->data, rsdp->len);
	assert_int_equal(load(), -E2BIG);
	expect_err("more than 64 tables");
	seal(big->data, big->len - 4);
	assert_int_equal(load(), 0);
	assert_int_equal(T.count, ACPI_MAX_TABLES);
}

static void test_madt_qemu(void **state)
{
	const uint8_t srcs[] = {0, 5, 9, 10, 11}, gsis[] = {2, 5, 9, 10, 11};
	struct region *apic = find("APIC");

	assert_int_equal(acpi_parse_madt(apic->data, apic->len, &M, err, ERRLEN), 0);
	assert_int_equal(M.lapic_addr, 0xfee00000);
	assert_int_equal(M.flags, ACPI_MADT_PCAT_COMPAT);
	assert_int_equal(M.ncpus, 4);
	for (unsigned i = 0; i < 4; i++) {
		assert_int_equal(M.cpu[i].apic_id, i);
		assert_int_equal(M.cpu[i].uid, i);
		assert_true(M.cpu[i].enabled);
		assert_false(M.cpu[i].x2apic);
	}
	assert_int_equal(M.nioapics, 1);
	assert_int_equal(M.ioapic[0].id, 0);
	assert_int_equal(M.ioapic[0].addr, 0xfec00000);
	assert_int_equal(M.ioapic[0].gsi_base, 0);
	assert_int_equal(M.novr, 5);
	for (unsigned i = 0; i < 5; i++) {
		assert_int_equal(M.ovr[i].bus, 0);
		assert_int_equal(M.ovr[i].source, srcs[i]);
		assert_int_equal(M.ovr[i].gsi, gsis[i]);
		assert_int_equal(M.ovr[i].flags, i ? 0xd : 0); /* PCI IRQs: level, active high */
	}
	assert_int_equal(M.nlapic_nmi, 1);
	assert_int_equal(M.lapic_nmi[0].uid, ACPI_UID_ALL);
	assert_int_equal(M.lapic_nmi[0].lint, 1);
	assert_int_equal(M.nnmi_src, 0);
}

/* A private copy of the captured MADT with @extra spare bytes at the end. */
static uint8_t *madt_copy(size_t extra)
{
	struct region *apic = find("APIC");
	uint8_t *t = scratch_alloc(apic->len + extra);

	memcpy(t, apic->data, apic->len);
	return t;
}

static void expect_madt(uint8_t *t, size_t len, int rc, const char *needle)
{
	assert_int_equal(acpi_parse_madt(t, len, &M, err, ERRLEN), rc);
	if (needle)
		expect_err(needle);
	if (rc)
		assert_int_equal(M.ncpus, 0);
}

static void test_madt_malformed(void **state)
{
	size_t len = find("APIC")->len, last = len - 6; /* LAPIC NMI entry */
	uint8_t *t = madt_copy(1);

	t[CSUM_OFF] ^= 1;
	expect_madt(t, len, -EINVAL, "checksum");
	t[CSUM_OFF] ^= 1;
	expect_madt(t, len - 1, -EINVAL, "header length 144");
	expect_madt(t, MADT_HDR - 1, -EINVAL, "shorter than");
	t[last + 1] = 8; /* runs past the table */
	seal(t, len);
	expect_madt(t, len, -EINVAL, "entry type 4 at offset 0x8a: length 8");
	t[last + 1] = 1;
	seal(t, len);
	expect_madt(t, len, -EINVAL, "offset 0x8a: length 1");
	t[last + 1] = 6;
	t[MADT_HDR + 1] = 6; /* local APIC entry shorter than its 8-byte layout */
	seal(t, len);
	expect_madt(t, len, -EINVAL, "entry type 0 at offset 0x2c: length 6 < 8");
	t[MADT_HDR + 1] = 8;
	t[0] = 'X';
	seal(t, len);
	expect_madt(t, len, -EINVAL, "signature is not APIC");
	t[0] = 'A';
	seal(t, len + 1); /* one stray byte: not even an entry header */
	expect_madt(t, len + 1, -EINVAL, "entry at offset 0x90: header runs past length 145");
}

static void test_madt_duplicate_apic_id(void **state)
{
	size_t len = find("APIC")->len, cpu1 = MADT_HDR + 8;
	uint8_t *t = madt_copy(0);

	t[cpu1 + 3] = 0;
	seal(t, len);
	expect_madt(t, len, -EINVAL, "entry at offset 0x34: APIC ID 0x0 listed twice");
	t[cpu1 + 4] = 2; /* online-capable: still a real CPU */
	seal(t, len);
	expect_madt(t, len, -EINVAL, "listed twice");
	t[cpu1 + 4] = 0; /* absent placeholder: kept, disabled, not a conflict */
	seal(t, len);
	expect_madt(t, len, 0, NULL);
	assert_int_equal(M.ncpus, 4);
	assert_false(M.cpu[1].enabled);
	assert_false(M.cpu[1].online_capable);
}

static void test_madt_extended_entries(void **state)
{
	/* clang-format off */
	const uint8_t extra[] = {
		0x7f, 4, 0xaa, 0xbb,					/* unknown: skipped */
		9, 16, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0,	/* x2APIC 0x100 uid 4 */
		9, 16, 0, 0, 1, 1, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0,	/* x2APIC 0x101, hotplug */
		10, 12, 5, 0, 4, 0, 0, 0, 1, 0, 0, 0,			/* x2APIC NMI uid 4 */
		5, 12, 0, 0, 0, 0, 0xe1, 0xfe, 0, 0, 0, 0,		/* LAPIC address override */
		3, 8, 0xd, 0, 7, 0, 0, 0,				/* NMI source GSI 7 */
		0x11, 2,						/* unknown, minimal */
	};
	/* clang-format on */
	size_t len = find("APIC")->len;
	uint8_t *t = madt_copy(sizeof(extra));

	memcpy(t + len, extra, sizeof(extra));
	seal(t, len + sizeof(extra));
	expect_madt(t, len + sizeof(extra), 0, NULL);
	assert_int_equal(M.ncpus, 6);
	assert_true(M.cpu[5].online_capable);
	assert_false(M.cpu[5].enabled);
	assert_false(M.cpu[4].online_capable);
	assert_true(M.cpu[4].x2apic);
	assert_int_equal(M.cpu[4].apic_id, 0x100);
	assert_int_equal(M.cpu[4].uid, 4);
	assert_int_equal(M.lapic_addr, 0xfee10000);
	assert_int_equal(M.nnmi_src, 1);
	assert_int_equal(M.nmi_src[0].gsi, 7);
	assert_int_equal(M.nmi_src[0].flags, 0xd);
	assert_int_equal(M.nlapic_nmi, 2);
	assert_int_equal(M.lapic_nmi[1].uid, 4);
	assert_int_equal(M.lapic_nmi[1].flags, 5);
}

static void test_madt_too_many_cpus(void **state)
{
	enum { X2APIC_LEN = 16, X2APIC_TYPE = 9, ENABLED = 1 };
	size_t n = ACPI_MAX_CPUS + 1, len = MADT_HDR + n * X2APIC_LEN;
	uint8_t *t = scratch_alloc(len);

	memcpy(t, find("APIC")->data, MADT_HDR);
	for (uint32_t i = 0; i < n; i++) {
		uint8_t *e = t + MADT_HDR + i * X2APIC_LEN;
		uint32_t id = 0x1000 + i, flags = ENABLED;

		e[0] = X2APIC_TYPE;
		e[1] = X2APIC_LEN;
		memcpy(e + 4, &id, 4);
		memcpy(e + 8, &flags, 4);
		memcpy(e + 12, &i, 4);
	}
	seal(t, len);
	expect_madt(t, len, -E2BIG, "more than 256 CPUs");
	seal(t, len - X2APIC_LEN);
	expect_madt(t, len - X2APIC_LEN, 0, NULL);
	assert_int_equal(M.ncpus, ACPI_MAX_CPUS);
}

/* Every fixed-size list refuses the entry that does not fit, naming where it is. */
static void test_madt_full_lists(void **state)
{
	static const struct {
		uint8_t entry[12];
		unsigned max;
		const char *what;
	} kinds[] = {
	    {{1, 12, 9, 0, 0, 0, 0xc0, 0xfe, 0, 0, 0, 0}, ACPI_MAX_IOAPICS, "IOAPICs"},
	    {{2, 10, 0, 3, 3, 0, 0, 0, 0, 0}, ACPI_MAX_OVERRIDES, "interrupt source overrides"},
	    {{3, 8, 0, 0, 7, 0, 0, 0}, ACPI_MAX_NMI_SOURCES, "NMI sources"},
	    {{4, 6, 2, 5, 0, 1}, ACPI_MAX_LAPIC_NMIS, "local APIC NMIs"},
	};

	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t elen = kinds[k].entry[1], len = MADT_HDR + (kinds[k].max + 1) * elen;
		uint8_t *t = scratch_alloc(len);
		char needle[80];

		memcpy(t, find("APIC")->data, MADT_HDR);
		for (size_t i = 0; i <= kinds[k].max; i++)
			memcpy(t + MADT_HDR + i * elen, kinds[k].entry, elen);
		seal(t, len);
		snprintf(needle, sizeof(needle), "offset %#zx: more than %u %s",
			 MADT_HDR + kinds[k].max * elen, kinds[k].max, kinds[k].what);
		expect_madt(t, len, -E2BIG, needle);
		seal(t, len - elen);
		expect_madt(t, len - elen, 0, NULL);
	}
	assert_int_equal(M.nlapic_nmi, ACPI_MAX_LAPIC_NMIS);
	assert_int_equal(M.lapic_nmi[0].uid, 2);
	assert_int_equal(M.lapic_nmi[0].flags, 5);
}

#define FOR_MACHINE(fn, m) \
	cmocka_unit_test_prestate_setup_teardown(fn, load_capture, drop_capture, m)
#define BOTH(fn) FOR_MACHINE(fn, "qemu-i440fx"), FOR_MACHINE(fn, "qemu-q35")

int main(void)
{
	const struct CMUnitTest tests[] = {
	    BOTH(test_find_rsdp),
	    BOTH(test_load_tables),
	    BOTH(test_bad_tables_skipped),
	    BOTH(test_rsdp_and_root_errors),
	    BOTH(test_xsdt_preferred_and_fallback),
	    FOR_MACHINE(test_fadt_x_dsdt, "qemu-q35"),
	    FOR_MACHINE(test_too_many_tables, "qemu-q35"),
	    BOTH(test_madt_qemu),
	    FOR_MACHINE(test_madt_malformed, "qemu-q35"),
	    FOR_MACHINE(test_madt_duplicate_apic_id, "qemu-i440fx"),
	    FOR_MACHINE(test_madt_extended_entries, "qemu-q35"),
	    FOR_MACHINE(test_madt_too_many_cpus, "qemu-q35"),
	    FOR_MACHINE(test_madt_full_lists, "qemu-q35"),
	};

	return cmocka_run_group_tests_name("acpi", tests, NULL, NULL);
}
