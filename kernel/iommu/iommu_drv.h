/* SPDX-License-Identifier: BSD-2-Clause */
/* The contract between the IOMMU core (iommu.c) and its two drivers, vtd.c and amd_vi.c. */
#ifndef BULKHEAD_IOMMU_DRV_H
#define BULKHEAD_IOMMU_DRV_H

#include <stdbool.h>
#include <stdint.h>

#include "acpi_tables.h"
#include "io_pgtable.h"
#include "mm.h"

struct iommu_domain {
	unsigned int id;
	const char *owner;
	struct iopt pt;
};

struct iommu_drv {
	const char *name;
	/* Every unit of @info started, all DMA blocked. False with the reason printed. */
	bool (*start)(const struct acpi_iommu_info *info);
	/* The walk geometry for a domain that maps up to @top. */
	bool (*geometry)(uint64_t top, struct iopt *pt);
	/* @bdf now walks @d's tables; every cached translation of it is gone. */
	bool (*attach)(struct iommu_domain *d, uint16_t bdf);
	/* Prints and clears every recorded fault. */
	void (*poll)(void);
	/* Interrupt remapping: the message @bdf sends to reach @apic_id with @vector; false
	 * when the unit does not remap or has no entry left. */
	bool (*remapping)(void); /* interrupt remapping is on */
	bool (*msi)(uint16_t bdf, uint32_t apic_id, uint8_t vector, uint64_t *addr, uint32_t *data);
	/* The redirection entry to program for input @gsi of I/O APIC @id, given its
	 * compatibility-format @rte; false when it cannot be delivered (keep it masked). */
	bool (*ioapic)(uint8_t id, uint32_t gsi, uint64_t rte, uint64_t *out);
};

extern const struct iommu_drv vtd_drv, amd_vi_drv;

/* For the drivers: the partition owning @bdf, or NULL; and the shared way to report a fault. */
const char *iommu_owner_of(uint16_t bdf);
void iommu_report_fault(uint16_t bdf, uint64_t addr, bool write, const char *what);
void iommu_report_irq_fault(uint16_t bdf, const char *what);

/* MMIO of a unit: the hypervisor's identity map covers it, uncached. */
static inline uint32_t mmio_read32(uint64_t base, unsigned int off)
{
	return *(volatile uint32_t *)phys_to_virt(base + off);
}
static inline uint64_t mmio_read64(uint64_t base, unsigned int off)
{
	return *(volatile uint64_t *)phys_to_virt(base + off);
}
static inline void mmio_write32(uint64_t base, unsigned int off, uint32_t v)
{
	*(volatile uint32_t *)phys_to_virt(base + off) = v;
}
static inline void mmio_write64(uint64_t base, unsigned int off, uint64_t v)
{
	*(volatile uint64_t *)phys_to_virt(base + off) = v;
}

/* Tables for the walkers: from the page allocator, reached through the identity map. */
extern const struct iopt_mem iommu_table_mem;

#endif
