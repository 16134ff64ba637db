// SPDX-License-Identifier: BSD-2-Clause
// The machine's PCI functions: configuration access (ECAM or the legacy ports), found once.

#include <string.h>

#include "acpi_tables.h"
#include "mm.h"
#include "paging.h"
#include "pci.h"
#include "platform.h"
#include "printk.h"
#include "spinlock.h"

#define CF8_ADDR     0xcf8
#define CF8_DATA     0xcfc
#define CF8_ENABLE   (1U << 31)
#define ECAM_BUS     20
#define ECAM_DEVFN   12
#define LEGACY_BUSES 256

static struct pci_func funcs[PCI_MAX_FUNCS];
static size_t nfuncs;
/* Segment 0's window; base 0: the legacy ports. */
static uint64_t ecam_base;
static unsigned int ecam_first, ecam_last;
/* 0xcf8 is one latch for the machine: an address and its data access must not interleave. */
static struct spinlock cf8_lock;

static volatile uint32_t *ecam_reg(uint16_t bdf, unsigned int off)
{
	uint64_t a = ecam_base + ((uint64_t)(PCI_BDF_BUS(bdf) - ecam_first) << ECAM_BUS) +
		     ((uint64_t)(bdf & 0xff) << ECAM_DEVFN) + (off & 0xffc);

	return phys_to_virt(a);
}

static bool ecam_covers(uint16_t bdf)
{
	return ecam_base && PCI_BDF_BUS(bdf) >= ecam_first && PCI_BDF_BUS(bdf) <= ecam_last;
}

static uint32_t cf8_addr(uint16_t bdf, unsigned int off)
{
	return CF8_ENABLE | (uint32_t)bdf << 8 | (off & 0xfc);
}

static uint32_t hw_read(void *ctx, uint16_t bdf, unsigned int off)
{
	uint32_t v;

	(void)ctx;
	if (ecam_covers(bdf))
		return *ecam_reg(bdf, off);
	if (off >= PCI_CFG_SIZE)
		return 0xffffffffU; /* extended space needs ECAM */
	spin_lock(&cf8_lock);
	asm volatile("outl %0, %1" : : "a"(cf8_addr(bdf, off)), "Nd"((uint16_t)CF8_ADDR));
	asm volatile("inl %1, %0" : "=a"(v) : "Nd"((uint16_t)CF8_DATA));
	spin_unlock(&cf8_lock);
	return v;
}

static void hw_write(void *ctx, uint16_t bdf, unsigned int off, uint32_t val)
{
	(void)ctx;
	if (ecam_covers(bdf)) {
		*ecam_reg(bdf, off) = val;
		return;
	}
	if (off >= PCI_CFG_SIZE)
		return;
	spin_lock(&cf8_lock);
	asm volatile("outl %0, %1" : : "a"(cf8_addr(bdf, off)), "Nd"((uint16_t)CF8_ADDR));
	asm volatile("outl %0, %1" : : "a"(val), "Nd"((uint16_t)CF8_DATA));
	spin_unlock(&cf8_lock);
}

static const struct pci_cfg_ops hw_ops = {hw_read, hw_write, NULL};
const struct pci_cfg_ops *pci_hw = &hw_ops;

static const void *map_table(uint64_t phys, size_t len, void *ctx)
{
	(void)ctx;
	if (phys == 0 || phys + len < phys || phys + len > paging_mapped_top())
		return NULL;
	return phys_to_virt(phys);
}

/* Segment 0 only: Bulkhead's descriptions name functions without a segment. */
static void find_ecam(void)
{
	const struct acpi_sdt_header *t =
	    acpi_get_table(&platform.tables, "MCFG", 0, map_table, NULL);
	static struct acpi_mcfg_info m;
	char err[120];

	if (!t || acpi_parse_mcfg(t, t->length, &m, err, sizeof(err)) < 0)
		return;
	for (size_t i = 0; i < m.count; i++) {
		uint64_t end = m.win[i].base +
			       ((uint64_t)(m.win[i].bus_end + 1 - m.win[i].bus_start) << ECAM_BUS);

		if (m.win[i].segment || end > paging_mapped_top())
			continue;
		ecam_base = m.win[i].base;
		ecam_first = m.win[i].bus_start;
		ecam_last = m.win[i].bus_end;
		return;
	}
}

static void log_func(const struct pci_func *f)
{
	pr_info("pci: %02x:%02x.%x %04x:%04x class %06x%s%s%s%s%s", PCI_BDF_BUS(f->bdf),
		PCI_BDF_DEV(f->bdf), PCI_BDF_FN(f->bdf), f->vendor, f->device, f->class_rev >> 8,
		f->header == PCI_HEADER_BRIDGE ? " bridge" : "", f->cap_msi ? " msi" : "",
		f->cap_msix ? " msi-x" : "", f->cap_pcie ? " pcie" : "", f->flr ? " flr" : "");
	for (unsigned int i = 0; i < PCI_BARS; i++)
		if (f->bar[i].size)
			pr_info("pci:   BAR%u %s 0x%lx + 0x%lx", i,
				f->bar[i].io	  ? "io"
				: f->bar[i].mem64 ? "mem64"
						  : "mem32",
				(unsigned long)f->bar[i].base, (unsigned long)f->bar[i].size);
}

void pci_init(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	find_ecam();
	nfuncs = ecam_base ? pci_scan(pci_hw, ecam_first, ecam_last, funcs, PCI_MAX_FUNCS)
			   : pci_scan(pci_hw, 0, LEGACY_BUSES - 1, funcs, PCI_MAX_FUNCS);
	pr_info("pci: %lu functions through %s%s", (unsigned long)nfuncs,
		ecam_base ? "ECAM (MCFG)" : "ports 0xcf8/0xcfc",
		nfuncs == PCI_MAX_FUNCS ? " (table full: the rest are not used)" : "");
	for (size_t i = 0; i < nfuncs; i++)
		log_func(&funcs[i]);
}

const struct pci_func *pci_funcs(size_t *count)
{
	*count = nfuncs;
	return funcs;
}

const struct pci_func *pci_func_by_bdf(uint16_t bdf)
{
	for (size_t i = 0; i < nfuncs; i++)
		if (funcs[i].bdf == bdf)
			return &funcs[i];
	return NULL;
}
