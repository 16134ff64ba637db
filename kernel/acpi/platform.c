// SPDX-License-Identifier: BSD-2-Clause
// Locates and reads the ACPI tables through the identity map; the parsing itself is pure (acpi.c).

#include <string.h>

#include "acpi_tables.h"
#include "mm.h"
#include "paging.h"
#include "platform.h"
#include "printk.h"
#include "traps.h"

/* Where the RSDP may be on a BIOS machine (ACPI 6.5, 5.2.5.1). */
#define BDA_EBDA_SEGMENT 0x40e
#define EBDA_SCAN_LEN	 1024
#define BIOS_ROM_BASE	 0xe0000
#define BIOS_ROM_LEN	 0x20000

struct platform platform;

/* A garbage table pointer must make the table "not mappable" (skipped), never a #PF. */
static const void *identity_map(uint64_t phys, size_t len, void *ctx)
{
	(void)ctx;
	if (phys == 0 || phys + len < phys || phys + len > paging_mapped_top())
		return NULL;
	return phys_to_virt(phys);
}

static uint64_t rsdp_from_bios(void)
{
	uint64_t ebda = (uint64_t)(*(const volatile uint16_t *)phys_to_virt(BDA_EBDA_SEGMENT)) << 4;
	uint64_t rsdp;

	if (ebda && acpi_find_rsdp(phys_to_virt(ebda), EBDA_SCAN_LEN, ebda, &rsdp) == 0)
		return rsdp;
	if (acpi_find_rsdp(phys_to_virt(BIOS_ROM_BASE), BIOS_ROM_LEN, BIOS_ROM_BASE, &rsdp) == 0)
		return rsdp;
	return 0;
}

static void report_tables(const struct acpi_tables *t)
{
	char sigs[ACPI_MAX_TABLES * 5] = "";

	for (size_t i = 0; i < t->count; i++) {
		if (i)
			strcat(sigs, " ");
		strncat(sigs, t->table[i].sig, 4);
	}
	if (t->rsdp_phys)
		pr_info("acpi: RSDP revision %u at 0x%lx, %s at 0x%lx: %s", t->revision,
			t->rsdp_phys, t->xsdt ? "XSDT" : "RSDT", t->root_phys, sigs);
	else
		pr_info("acpi: RSDP revision %u (boot loader's copy), %s at 0x%lx: %s", t->revision,
			t->xsdt ? "XSDT" : "RSDT", t->root_phys, sigs);
}

static void report_madt(const struct acpi_madt_info *m)
{
	unsigned int enabled = 0;

	for (size_t i = 0; i < m->ncpus; i++)
		enabled += m->cpu[i].enabled;
	pr_info("acpi: MADT lists %lu CPUs (%u enabled), %lu IOAPICs, %lu interrupt overrides",
		m->ncpus, enabled, m->nioapics, m->novr);
	for (size_t i = 0; i < m->nioapics; i++)
		pr_info("acpi:   IOAPIC id %u at 0x%x, GSI base %u", m->ioapic[i].id,
			m->ioapic[i].addr, m->ioapic[i].gsi_base);
}

/*
 * The tables a description's author needs (PCI windows, HPET, NUMA, IOMMUs), logged once so a
 * board's console shows them; the same parsers feed bulkhead-inspect. A bad one is only warned
 * about: the hypervisor itself does not depend on them yet.
 */
static void report_mcfg(const struct acpi_sdt_header *t, char *err, size_t errlen)
{
	static struct acpi_mcfg_info m;

	if (acpi_parse_mcfg(t, t->length, &m, err, errlen) < 0)
		return pr_warn("acpi: %s", err);
	for (size_t i = 0; i < m.count; i++)
		pr_info("acpi: MCFG segment %u buses %u-%u at 0x%lx", m.win[i].segment,
			m.win[i].bus_start, m.win[i].bus_end, m.win[i].base);
}

static void report_hpet(const struct acpi_sdt_header *t, char *err, size_t errlen)
{
	static struct acpi_hpet_info h;

	if (acpi_parse_hpet(t, t->length, &h, err, errlen) < 0)
		return pr_warn("acpi: %s", err);
	pr_info("acpi: HPET %u at 0x%lx, %u comparators", h.number, h.base, h.comparators);
}

static void report_srat(const struct acpi_sdt_header *t, char *err, size_t errlen)
{
	static struct acpi_srat_info s;

	if (acpi_parse_srat(t, t->length, &s, err, errlen) < 0)
		return pr_warn("acpi: %s", err);
	pr_info("acpi: SRAT: %lu CPU and %lu memory affinities", s.ncpus, s.nmem);
}

static void report_iommu(const struct acpi_sdt_header *t, char *err, size_t errlen)
{
	static struct acpi_iommu_info io;
	bool amd = !memcmp(t->signature, "IVRS", 4);

	if ((amd ? acpi_parse_ivrs : acpi_parse_dmar)(t, t->length, &io, err, errlen) < 0)
		return pr_warn("acpi: %s", err);
	for (size_t i = 0; i < io.nunits; i++)
		pr_info("acpi: %s unit %lu at 0x%lx, segment %u%s", amd ? "IVRS" : "DMAR", i,
			io.unit[i].base, io.unit[i].segment,
			io.unit[i].include_all ? ", all devices" : "");
	if (io.nresv)
		pr_info("acpi: %lu memory ranges reserved for device DMA (RMRR/IVMD)", io.nresv);
}

static void report_platform_tables(void)
{
	static const struct {
		char sig[5];
		void (*report)(const struct acpi_sdt_header *t, char *err, size_t errlen);
	} tables[] = {{"MCFG", report_mcfg},
		      {"HPET", report_hpet},
		      {"SRAT", report_srat},
		      {"DMAR", report_iommu},
		      {"IVRS", report_iommu}};
	char err[160];

	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		const struct acpi_sdt_header *t =
		    acpi_get_table(&platform.tables, tables[i].sig, 0, identity_map, NULL);

		if (t)
			tables[i].report(t, err, sizeof(err));
	}
}

void platform_init(const struct mb2_info *mb)
{
	const void *rsdp = mb->rsdp;
	size_t rsdp_len = mb->rsdp_len;
	uint64_t rsdp_phys = 0;
	const struct acpi_sdt_header *madt;
	char err[160] = "";

	/* GRUB copies the RSDP into the boot information; a BIOS scan is the fallback. */
	if (!rsdp) {
		rsdp_phys = rsdp_from_bios();
		if (!rsdp_phys)
			panic("acpi: no RSDP in the boot information or the BIOS areas");
		rsdp = phys_to_virt(rsdp_phys);
		rsdp_len = ACPI_RSDP_V2_LEN; /* acpi_load_tables reads only what the revision has */
	}
	if (acpi_load_tables(rsdp, rsdp_len, rsdp_phys, identity_map, NULL, &platform.tables, err,
			     sizeof(err)) < 0)
		panic("acpi: %s", err);
	/* Broken tables were skipped, never trusted; say which, since the board may need a fix. */
	if (platform.tables.bad || err[0])
		pr_warn("acpi: %lu table(s) skipped: %s", platform.tables.bad, err);
	report_tables(&platform.tables);

	madt = acpi_get_table(&platform.tables, "APIC", 0, identity_map, NULL);
	if (!madt)
		panic("acpi: no MADT (APIC table): cannot enumerate CPUs");
	if (acpi_parse_madt(madt, madt->length, &platform.madt, err, sizeof(err)) < 0)
		panic("acpi: MADT: %s", err);
	report_madt(&platform.madt);
	report_platform_tables();
}

const struct acpi_sdt_header *platform_table(const char sig[4])
{
	return acpi_get_table(&platform.tables, sig, 0, identity_map, NULL);
}
