// SPDX-License-Identifier: BSD-2-Clause
// PCI functions against the enumerated machine: present, endpoints, DMA accepted or fenced by an
// IOMMU, and BARs that can be mapped into their owner alone (guest-physical = host-physical).

#include "check.h"

#define PCI_BUS(bdf) ((unsigned int)(bdf) >> 8)
#define PCI_DEV(bdf) (((unsigned int)(bdf) >> 3) & 0x1f)
#define PCI_FN(bdf)  ((unsigned int)(bdf)&7)

struct pci_ctx {
	const struct cfg_desc *desc;
	const struct machine *m;
	const struct cfg_partition *p;
	const char *path;
	struct cfg_diags *d;
};

static const struct cfg_pci_fn *find_fn(const struct machine *m, uint16_t bdf)
{
	for (size_t i = 0; i < m->npci; i++)
		if (m->pci[i].bdf == bdf)
			return &m->pci[i];
	return NULL;
}

static uint64_t page_down(uint64_t v)
{
	return v & ~(CFG_PAGE - 1);
}

static uint64_t page_up(uint64_t v)
{
	return (v + CFG_PAGE - 1) & ~(CFG_PAGE - 1);
}

/* Pages are the unit of mapping: another function's registers in the same page would leak. */
static void check_neighbours(const struct pci_ctx *c, const struct cfg_pci_fn *f,
			     const struct cfg_range *pages, unsigned int bar)
{
	for (size_t i = 0; i < c->m->npci; i++) {
		const struct cfg_pci_fn *o = &c->m->pci[i];

		for (unsigned int k = 0; o != f && k < CFG_PCI_BARS; k++)
			(void)CC(c->d,
				 !(o->bar[k].size && !o->bar_io[k] && o->bar[k].base &&
				   ranges_overlap(pages->base, pages->size, o->bar[k].base,
						  o->bar[k].size)),
				 c->path, "pci-devices",
				 "%02x:%02x.%x BAR%u shares a page with BAR%u of %02x:%02x.%x",
				 PCI_BUS(f->bdf), PCI_DEV(f->bdf), PCI_FN(f->bdf), bar, k,
				 PCI_BUS(o->bdf), PCI_DEV(o->bdf), PCI_FN(o->bdf));
	}
}

/* Identity-mapped, so the BAR's host pages are also guest-physical pages of the owner: none
 * may be its memory, a channel it maps or its interrupt controllers. */
static bool over_owner(const struct pci_ctx *c, const struct cfg_range *r)
{
	const struct cfg_partition *p = c->p;
	int pi = (int)(p - c->desc->part);

	for (size_t i = 0; i < p->nmem; i++)
		if (ranges_overlap(r->base, r->size, p->mem[i].gpa, p->mem[i].size))
			return true;
	for (size_t i = 0; i < c->desc->nchans; i++)
		if (cfg_channel_maps(&c->desc->chan[i], pi) && c->desc->chan[i].size &&
		    ranges_overlap(r->base, r->size, c->desc->chan[i].gpa, c->desc->chan[i].size))
			return true;
	return ranges_overlap(r->base, r->size, CFG_GUEST_IOAPIC, CFG_PAGE) ||
	       ranges_overlap(r->base, r->size, CFG_GUEST_LAPIC, CFG_PAGE);
}

static void check_mem_bar(const struct pci_ctx *c, const struct cfg_pci_fn *f, unsigned int i)
{
	const struct cfg_range *b = &f->bar[i];
	struct cfg_range pages = {page_down(b->base),
				  page_up(b->base + b->size) - page_down(b->base)};
	unsigned int bus = PCI_BUS(f->bdf), dev = PCI_DEV(f->bdf), fn = PCI_FN(f->bdf);

	if (!CC(c->d, b->base != 0, c->path, "pci-devices",
		"%02x:%02x.%x BAR%u: firmware left it unplaced (address 0)", bus, dev, fn, i))
		return;
	check_neighbours(c, f, &pages, i);
	for (size_t k = 0; k < c->m->nram; k++)
		CC(c->d,
		   !ranges_overlap(pages.base, pages.size, c->m->ram[k].base, c->m->ram[k].size),
		   c->path, "pci-devices", "%02x:%02x.%x BAR%u at 0x%lx lies in RAM", bus, dev, fn,
		   i, (unsigned long)b->base);
	for (size_t k = 0; k < c->m->nhvdev; k++)
		CC(c->d,
		   !ranges_overlap(pages.base, pages.size, c->m->hvdev[k].base,
				   c->m->hvdev[k].size),
		   c->path, "pci-devices",
		   "%02x:%02x.%x BAR%u overlaps %s, which the hypervisor keeps", bus, dev, fn, i,
		   c->m->hvdev[k].what);
	CC(c->d, !over_owner(c, &pages), c->path, "pci-devices",
	   "%02x:%02x.%x BAR%u at 0x%lx overlaps the partition's memory, a channel or its "
	   "interrupt controllers "
	   "(BARs are mapped at their host address)",
	   bus, dev, fn, i, (unsigned long)b->base);
	for (size_t pi = 0; pi < c->desc->nparts; pi++)
		for (size_t k = 0; k < c->desc->part[pi].nmmio; k++)
			CC(c->d,
			   !ranges_overlap(pages.base, pages.size, c->desc->part[pi].mmio[k].base,
					   c->desc->part[pi].mmio[k].size),
			   c->path, "pci-devices",
			   "%02x:%02x.%x BAR%u overlaps the mmio of /partitions/%s", bus, dev, fn,
			   i, c->desc->part[pi].name);
}

static void check_fn(const struct pci_ctx *c, uint16_t bdf)
{
	const struct cfg_pci_fn *f = find_fn(c->m, bdf);
	unsigned int bus = PCI_BUS(bdf), dev = PCI_DEV(bdf), fn = PCI_FN(bdf);

	if (!CC(c->d, f != NULL, c->path, "pci-devices",
		"%02x:%02x.%x: no such PCI function on this machine", bus, dev, fn))
		return;
	if (!CC(c->d, !f->bridge, c->path, "pci-devices",
		"%02x:%02x.%x is a bridge: only endpoints are passed through", bus, dev, fn))
		return;
	/* Every endpoint can master the bus: DMA reaches all memory unless an IOMMU fences it. */
	CC(c->d, c->m->iommu || c->p->dma_unprotected, c->path, "pci-devices",
	   "%02x:%02x.%x can do DMA to any memory and this machine has no IOMMU (no ACPI DMAR or "
	   "IVRS); add dma-unprotected; to accept that",
	   bus, dev, fn);
	/* The method names what a function without FLR gets: it must have it. */
	CC(c->d, c->p->reset_method != CFG_RESET_PM || f->flr || f->pm_reset, c->path,
	   "reset-method",
	   "%02x:%02x.%x has neither FLR nor a power-management reset (no PM "
	   "capability, or No_Soft_Reset set)",
	   bus, dev, fn);
	for (unsigned int i = 0; i < CFG_PCI_BARS; i++)
		if (f->bar[i].size && !f->bar_io[i] && !range_wraps(f->bar[i].base, f->bar[i].size))
			check_mem_bar(c, f, i);
}

void cfg_check_pci_machine(const struct cfg_desc *desc, const struct machine *m,
			   struct cfg_diags *d)
{
	if (!m->pci_known)
		return;
	for (size_t pi = 0; pi < desc->nparts; pi++) {
		char path[CFG_PATH_MAX];
		struct pci_ctx c = {desc, m, &desc->part[pi], path, d};

		cfg_part_path(&desc->part[pi], path, sizeof(path));
		for (size_t k = 0; k < desc->part[pi].npci; k++)
			check_fn(&c, desc->part[pi].pci[k]);
	}
}
