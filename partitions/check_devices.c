// SPDX-License-Identifier: BSD-2-Clause
// MMIO, PCI function and legacy IRQ rules: well-formed, and each with exactly one owner.

#include <stdio.h>

#include "check.h"

#define PCI_BUS(bdf) ((unsigned int)(bdf) >> 8)
#define PCI_DEV(bdf) (((unsigned int)(bdf) >> 3) & 0x1f)
#define PCI_FN(bdf)  ((unsigned int)(bdf)&7)

static bool mmio_ok(const char *path, const struct cfg_range *r, struct cfg_diags *d)
{
	unsigned long b = (unsigned long)r->base, s = (unsigned long)r->size;

	if (!CC(d, r->size != 0, path, "mmio", "MMIO 0x%lx + 0: size must not be zero", b))
		return false;
	return CC(d, !range_wraps(r->base, r->size), path, "mmio",
		  "MMIO 0x%lx + 0x%lx wraps past the 64-bit address space", b, s) &&
	       CC(d, aligned(r->base, CFG_PAGE) && aligned(r->size, CFG_PAGE), path, "mmio",
		  "MMIO 0x%lx + 0x%lx is not 4 KiB aligned (pages are the unit of passthrough)", b,
		  s);
}

/* Index of the first partition (up to @pi, and range @k of @pi) whose MMIO overlaps @r. */
static int mmio_owner(const struct cfg_desc *desc, size_t pi, size_t k, const struct cfg_range *r)
{
	for (size_t oi = 0; oi <= pi; oi++) {
		const struct cfg_partition *o = &desc->part[oi];

		for (size_t j = 0; j < (oi == pi ? k : o->nmmio); j++)
			if (o->mmio[j].size && !range_wraps(o->mmio[j].base, o->mmio[j].size) &&
			    ranges_overlap(r->base, r->size, o->mmio[j].base, o->mmio[j].size))
				return (int)oi;
	}
	return -1;
}

/* MMIO is mapped at its host address: it must not land on the partition's own memory. */
static void mmio_off_memory(const struct cfg_partition *p, const char *path,
			    const struct cfg_range *r, struct cfg_diags *d)
{
	for (size_t i = 0; i < p->nmem; i++)
		CC(d,
		   !p->mem[i].size || range_wraps(p->mem[i].gpa, p->mem[i].size) ||
		       !ranges_overlap(r->base, r->size, p->mem[i].gpa, p->mem[i].size),
		   path, "mmio",
		   "MMIO 0x%lx-0x%lx overlaps the guest range of %s (MMIO is mapped at its host "
		   "address)",
		   (unsigned long)r->base, (unsigned long)range_last(r->base, r->size),
		   p->mem[i].node);
}

static void check_mmio(const struct cfg_desc *desc, size_t pi, const char *path,
		       struct cfg_diags *d)
{
	const struct cfg_partition *p = &desc->part[pi];

	for (size_t k = 0; k < p->nmmio; k++) {
		const struct cfg_range *r = &p->mmio[k];
		int o;

		if (!mmio_ok(path, r, d))
			continue;
		mmio_off_memory(p, path, r, d);
		o = mmio_owner(desc, pi, k, r);
		CC(d, o < 0, path, "mmio", "MMIO 0x%lx-0x%lx is already assigned to /partitions/%s",
		   (unsigned long)r->base, (unsigned long)range_last(r->base, r->size),
		   o < 0 ? "" : desc->part[o].name);
	}
}

static int pci_owner(const struct cfg_desc *desc, size_t pi, size_t k, uint16_t bdf)
{
	for (size_t oi = 0; oi <= pi; oi++)
		for (size_t j = 0; j < (oi == pi ? k : desc->part[oi].npci); j++)
			if (desc->part[oi].pci[j] == bdf)
				return (int)oi;
	return -1;
}

static void check_pci(const struct cfg_desc *desc, size_t pi, const char *path, struct cfg_diags *d)
{
	const struct cfg_partition *p = &desc->part[pi];

	for (size_t k = 0; k < p->npci; k++) {
		int o = pci_owner(desc, pi, k, p->pci[k]);

		CC(d, o < 0, path, "pci-devices",
		   "%02x:%02x.%x is already assigned to /partitions/%s", PCI_BUS(p->pci[k]),
		   PCI_DEV(p->pci[k]), PCI_FN(p->pci[k]), o < 0 ? "" : desc->part[o].name);
	}
}

static int irq_owner(const struct cfg_desc *desc, size_t pi, size_t k, uint32_t irq)
{
	for (size_t oi = 0; oi <= pi; oi++)
		for (size_t j = 0; j < (oi == pi ? k : desc->part[oi].nirqs); j++)
			if (desc->part[oi].irq[j] == irq)
				return (int)oi;
	return -1;
}

static void check_irqs(const struct cfg_desc *desc, size_t pi, const char *path,
		       struct cfg_diags *d)
{
	const struct cfg_partition *p = &desc->part[pi];

	for (size_t k = 0; k < p->nirqs; k++) {
		int o;

		if (!CC(d, p->irq[k] < CFG_LEGACY_IRQS, path, "irqs",
			"IRQ %u is not a legacy line (0-15)", p->irq[k]))
			continue;
		o = irq_owner(desc, pi, k, p->irq[k]);
		CC(d, o < 0, path, "irqs", "IRQ %u is already assigned to /partitions/%s",
		   p->irq[k], o < 0 ? "" : desc->part[o].name);
	}
}

void cfg_check_devices(const struct cfg_desc *desc, struct cfg_diags *d)
{
	for (size_t pi = 0; pi < desc->nparts; pi++) {
		char path[CFG_PATH_MAX];

		cfg_part_path(&desc->part[pi], path, sizeof(path));
		check_mmio(desc, pi, path, d);
		check_pci(desc, pi, path, d);
		check_irqs(desc, pi, path, d);
	}
}
