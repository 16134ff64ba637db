// SPDX-License-Identifier: BSD-2-Clause
// A partition's devices at run time: what its nested page tables and I/O map give it, its
// virtual PCI bus, and the reset of its functions between two runs (docs/devices.md).

#include "partition.h"
#include "pci.h"
#include "pirq.h"
#include "printk.h"
#include "vpci.h"

#define MAX_DEVMAPS  (CFG_MAX_RANGES + CFG_MAX_PCI * PCI_BARS)
#define MAX_DEVPORTS (CFG_MAX_PCI * PCI_BARS)

struct devs {
	struct part_mem map[MAX_DEVMAPS];
	size_t nmaps;
	struct cfg_range port[MAX_DEVPORTS];
	size_t nports;
};

static struct devs devs[CFG_MAX_PARTITIONS];

static struct devs *devs_of(const struct partition *p)
{
	return &devs[p->index % CFG_MAX_PARTITIONS];
}

size_t part_ndevmaps(const struct partition *p)
{
	return devs_of(p)->nmaps;
}

const struct part_mem *part_devmap(const struct partition *p, size_t i)
{
	return &devs_of(p)->map[i];
}

size_t part_ndevports(const struct partition *p)
{
	return devs_of(p)->nports;
}

const struct cfg_range *part_devport(const struct partition *p, size_t i)
{
	return &devs_of(p)->port[i];
}

/* Guest-physical = host-physical: the BAR's address is where the partition's driver, reading
 * it from configuration space, will look. Whole pages: the boot checks made sure no other
 * function's registers share them. */
static void add_map(struct devs *d, uint64_t base, uint64_t size)
{
	uint64_t lo = base & ~(CFG_PAGE - 1), hi = (base + size + CFG_PAGE - 1) & ~(CFG_PAGE - 1);

	if (d->nmaps < MAX_DEVMAPS)
		d->map[d->nmaps++] = (struct part_mem){lo, lo, hi - lo, CFG_R | CFG_W | CFG_UC};
}

static void add_func(struct partition *p, struct devs *d, const struct pci_func *f)
{
	for (unsigned int i = 0; i < PCI_BARS; i++) {
		const struct pci_bar *b = &f->bar[i];

		if (!b->size || b->upper)
			continue;
		if (b->io && d->nports < MAX_DEVPORTS)
			d->port[d->nports++] = (struct cfg_range){b->base, b->size};
		else if (!b->io)
			add_map(d, b->base, b->size);
		pr_info("partition %s: %02x:%02x.%x BAR%u %s 0x%lx + 0x%lx passed through",
			p->cfg->name, PCI_BDF_BUS(f->bdf), PCI_BDF_DEV(f->bdf), PCI_BDF_FN(f->bdf),
			i, b->io ? "ports" : "MMIO", (unsigned long)b->base,
			(unsigned long)b->size);
	}
}

void part_devices_init(struct partition *p)
{
	struct devs *d = devs_of(p);

	d->nmaps = d->nports = 0;
	for (size_t i = 0; i < p->cfg->nmmio; i++)
		add_map(d, p->cfg->mmio[i].base, p->cfg->mmio[i].size);
	for (size_t i = 0; i < p->cfg->npci; i++) {
		const struct pci_func *f = pci_func_by_bdf(p->cfg->pci[i]);

		if (f)
			add_func(p, d, f);
	}
	vpci_reset(p);
	pirq_reset(p);
}

void part_devices_quiesce(struct partition *p)
{
	vpci_freeze(p);
	for (size_t i = 0; i < p->cfg->npci; i++) {
		const struct pci_func *f = pci_func_by_bdf(p->cfg->pci[i]);

		if (!f)
			continue;
		pci_quiesce_func(f);
		pr_info("partition %s: %02x:%02x.%x stopped: bus master, decode and MSI off",
			p->cfg->name, PCI_BDF_BUS(f->bdf), PCI_BDF_DEV(f->bdf), PCI_BDF_FN(f->bdf));
	}
	pirq_reset(p);
}

void part_devices_reset(struct partition *p)
{
	for (size_t i = 0; i < p->cfg->npci; i++) {
		const struct pci_func *f = pci_func_by_bdf(p->cfg->pci[i]);

		if (f)
			pr_info(
			    "partition %s: %02x:%02x.%x reset: %s", p->cfg->name,
			    PCI_BDF_BUS(f->bdf), PCI_BDF_DEV(f->bdf), PCI_BDF_FN(f->bdf),
			    pci_reset_func(f, p->cfg->reset_method != CFG_RESET_BUS_MASTER_OFF));
	}
	vpci_reset(p);
	pirq_reset(p);
}
