/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * DMA isolation with the board's IOMMU (docs/iommu.md). The core sees one interface; a VT-d
 * driver (ACPI DMAR) or an AMD-Vi driver (ACPI IVRS) sits behind it, chosen once at boot.
 * From iommu_init() on, every requester is blocked; a partition's domain maps exactly its own
 * memory at its guest-physical addresses, and only the PCI functions attached to it use it.
 */
#ifndef BULKHEAD_IOMMU_H
#define BULKHEAD_IOMMU_H

#include <stdbool.h>
#include <stdint.h>

#include "tsc.h"
#include "x86.h"

struct iommu_domain;

/* Finds DMAR or IVRS, starts every unit with all DMA blocked. False (reason printed) when the
 * board has none or it cannot be used: then no device is isolated, which the caller decides on. */
bool iommu_init(void);
/* Whether DMA remapping is on: a device given to a partition is confined to its memory. */
bool iommu_active(void);

/* The domain of a partition: @id distinct and non-zero per partition, @owner its name (kept for
 * fault messages), @top the highest guest-physical address it will map. NULL when it cannot be
 * built (printed). */
struct iommu_domain *iommu_domain_create(unsigned int id, const char *owner, uint64_t top);
/* Devices of @d reach [hpa, hpa + size) at [gpa, gpa + size) with @rights (IOPT_R, IOPT_W). */
bool iommu_domain_map(struct iommu_domain *d, uint64_t gpa, uint64_t hpa, uint64_t size,
		      unsigned int rights);
/* PCI function @bdf (bus << 8 | dev << 3 | fn) translates through @d from now on. */
bool iommu_attach(struct iommu_domain *d, uint16_t bdf);

/* Interrupt remapping: whether a device's interrupts go through a table Bulkhead writes. Then
 * iommu_msi() gives the message owned device @bdf must send so that its interrupt reaches only
 * @apic_id with @vector (fixed, edge, physical); its entry accepts that device alone. False
 * (nothing changed) without remapping or when no entry is left. */
bool iommu_irq_remapping(void);
bool iommu_msi(uint16_t bdf, uint32_t apic_id, uint8_t vector, uint64_t *addr, uint32_t *data);

/* The redirection entry to program into input @gsi of I/O APIC @id for the compatibility-format
 * @rte Bulkhead built (fixed, physical destination): under VT-d interrupt remapping, which
 * blocks compatibility-format requests, its remappable form through an entry of its own; else
 * @rte itself. False: it cannot be delivered, keep the input masked. */
bool iommu_ioapic_rte(uint8_t id, uint32_t gsi, uint64_t rte, uint64_t *out);

/* Fault records and event logs are read here, on whichever CPU passes by: Bulkhead owns no
 * spare CPU and takes no interrupts, so every exit of every partition checks a deadline. */
extern uint64_t iommu_next_poll;
void iommu_poll(void);
static inline void iommu_poll_check(void)
{
	if (iommu_next_poll && rdtsc() >= iommu_next_poll)
		iommu_poll();
}

#endif
