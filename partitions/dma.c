// SPDX-License-Identifier: BSD-2-Clause
// Each partition's DMA domain: its memory map as the IOMMU's tables, its PCI functions attached.
#include "io_pgtable.h"
#include "iommu.h"
#include "partition.h"
#include "printk.h"
#include "vpci_filter.h"

#define MSI_DEST_SHIFT 12
#define MSI_VECTOR     0xffU

_Static_assert(IOPT_R == CFG_R && IOPT_W == CFG_W,
	       "a region's rights pass to the IOMMU as they are");

static uint64_t top_of(const struct partition *p)
{
	uint64_t top = 0;

	for (size_t i = 0; i < part_nmaps(p); i++) {
		const struct part_mem *m = part_map(p, i);

		if (m->gpa + m->size - 1 > top)
			top = m->gpa + m->size - 1;
	}
	return top;
}

/* The same regions, rights and addresses as the nested page tables: a device the partition
 * owns sees exactly what its CPUs see as memory. */
static bool build(struct partition *p, struct iommu_domain *d)
{
	for (size_t i = 0; i < part_nmaps(p); i++) {
		const struct part_mem *m = part_map(p, i);

		if (!iommu_domain_map(d, m->gpa, m->hpa, m->size, m->rights))
			return false;
	}
	for (size_t i = 0; i < p->cfg->npci; i++)
		if (!iommu_attach(d, p->cfg->pci[i])) {
			pr_err("partition %s: cannot attach %02x:%02x.%x to its DMA domain",
			       p->cfg->name, p->cfg->pci[i] >> 8, (p->cfg->pci[i] >> 3) & 0x1f,
			       p->cfg->pci[i] & 7);
			return false;
		}
	return true;
}

bool part_dma_setup(struct partition *p)
{
	struct iommu_domain *d;

	if (!iommu_active() || !p->cfg->npci)
		return true;
	d = iommu_domain_create(p->index + 1, p->cfg->name, top_of(p));
	if (!d || !build(p, d)) {
		pr_err("partition %s: its devices cannot be DMA-isolated: not started",
		       p->cfg->name);
		return false;
	}
	pr_info("partition %s: DMA domain %u: %lu regions, %lu PCI functions", p->cfg->name,
		p->index + 1, part_nmaps(p), p->cfg->npci);
	return true;
}

/* The owner's core and vector as without remapping (vpci_msi_route_direct decides them), then
 * through the function's own remapping entry: the device can reach nothing else, whatever it
 * writes wherever. */
static bool msi_remapped(uint16_t bdf, const struct vpci_owner *o, uint64_t addr, uint32_t data,
			 uint64_t *hw_addr, uint32_t *hw_data)
{
	uint64_t direct_addr;
	uint32_t direct_data;

	if (!vpci_msi_route_direct(bdf, o, addr, data, &direct_addr, &direct_data))
		return false;
	return iommu_msi(bdf, (uint32_t)(direct_addr >> MSI_DEST_SHIFT) & 0xff,
			 (uint8_t)(direct_data & MSI_VECTOR), hw_addr, hw_data);
}

void part_dma_irq_setup(void)
{
	if (iommu_irq_remapping())
		vpci_msi_route = msi_remapped;
}
