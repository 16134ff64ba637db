// SPDX-License-Identifier: BSD-2-Clause
// The ACPI tables as Linux exports them (/sys/firmware/acpi/tables/SIG), parsed by the
// hypervisor's own parsers (kernel/acpi/).

#include <stdlib.h>
#include <string.h>

#include "inspect.h"

#define TABLES_DIR "sys/firmware/acpi/tables"

typedef int (*parse_fn)(const void *tbl, size_t len, void *out, char *err, size_t errlen);

/* Each parser behind the one signature parse() calls; casting the functions would be UB. */
#define WRAP(name, type)                                                                        \
	static int name##_any(const void *tbl, size_t len, void *out, char *err, size_t errlen) \
	{                                                                                       \
		return name(tbl, len, (type *)out, err, errlen);                                \
	}
WRAP(acpi_parse_madt, struct acpi_madt_info)
WRAP(acpi_parse_fadt, struct acpi_fadt_info)
WRAP(acpi_parse_mcfg, struct acpi_mcfg_info)
WRAP(acpi_parse_hpet, struct acpi_hpet_info)
WRAP(acpi_parse_srat, struct acpi_srat_info)
WRAP(acpi_parse_dmar, struct acpi_iommu_info)
WRAP(acpi_parse_ivrs, struct acpi_iommu_info)

/* The first instance of @sig, parsed into @out; false (and a note) when absent or refused. */
static bool parse(const struct rootfs *fs, struct board *b, const char *sig, parse_fn fn, void *out)
{
	char rel[64], err[160];
	size_t len = 0;
	char *t;
	int rc;

	snprintf(rel, sizeof(rel), "%s/%s", TABLES_DIR, sig);
	t = rootfs_read(fs, rel, &len);
	if (!t)
		return false;
	rc = fn(t, len, out, err, sizeof(err));
	free(t);
	if (rc < 0)
		board_note(b, "%s/%s: %s", fs->root, rel, err);
	return rc == 0;
}

/* Table files only: "data" and "dynamic" are directories, SSDTs come as SSDT1, SSDT2, ... */
static void list_tables(const struct rootfs *fs, struct board *b)
{
	char **names;
	int n = rootfs_list(fs, TABLES_DIR, &names);

	if (n < 0) {
		board_note(b, "%s/%s: cannot be listed: no ACPI, or not run as root", fs->root,
			   TABLES_DIR);
		return;
	}
	for (int i = 0; i < n && b->ntables < INSPECT_MAX_TABLES; i++) {
		char rel[64];

		if (!strcmp(names[i], "data") || !strcmp(names[i], "dynamic"))
			continue;
		snprintf(b->tables[b->ntables++], sizeof(b->tables[0]), "%.4s", names[i]);
		/* Read for the capture: it must list what the board lists, and keeps the DSDT and
		 * SSDTs for whoever needs the interrupt routing they describe. */
		snprintf(rel, sizeof(rel), "%s/%s", TABLES_DIR, names[i]);
		free(rootfs_read(fs, rel, NULL));
	}
	rootfs_free_list(names, n);
}

void read_acpi(const struct rootfs *fs, struct board *b)
{
	list_tables(fs, b);
	b->have_madt = parse(fs, b, "APIC", acpi_parse_madt_any, &b->madt);
	if (!b->have_madt)
		board_note(b, "no usable MADT (APIC): the CPUs are unknown");
	b->have_fadt = parse(fs, b, "FACP", acpi_parse_fadt_any, &b->fadt);
	b->have_mcfg = parse(fs, b, "MCFG", acpi_parse_mcfg_any, &b->mcfg);
	b->have_hpet = parse(fs, b, "HPET", acpi_parse_hpet_any, &b->hpet);
	b->have_srat = parse(fs, b, "SRAT", acpi_parse_srat_any, &b->srat);
	b->have_iommu = parse(fs, b, "DMAR", acpi_parse_dmar_any, &b->iommu) ||
			parse(fs, b, "IVRS", acpi_parse_ivrs_any, &b->iommu);
}
