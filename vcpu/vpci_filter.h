/* SPDX-License-Identifier: BSD-2-Clause */
/* The rules of a partition's view of one passed-through function's configuration space (pure:
 * host-tested; vcpu/vpci.c applies them to trapped accesses). docs/devices.md explains them. */
#ifndef BULKHEAD_VPCI_FILTER_H
#define BULKHEAD_VPCI_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pci.h"

/* The cores a function's interrupts may reach: its owner's, by local APIC ID. */
struct vpci_owner {
	const uint32_t *apic_id;
	size_t n;
};

/* One function as its owner sees it. */
struct vpci_fn {
	const struct pci_func *hw;
	uint8_t sizing; /* bit i: BAR register i was written all ones */
	uint32_t msi_addr_lo, msi_addr_hi, msi_data; /* as the partition wrote them */
	bool msi_enable;			     /* the partition's enable bit */
	bool msi_routable;			     /* its message could be routed to its cores */
};

/* A dword the hardware gets, at an aligned offset. */
struct vpci_write {
	uint16_t off;
	uint32_t val;
};
#define VPCI_MAX_WRITES 4

/* The message function @bdf sends for a partition's MSI address and data; false when it must
 * not send at all (an exception vector). The default (vpci_msi_route_direct) targets one of the
 * owner's cores, fixed delivery, edge; interrupt remapping replaces it at boot
 * (partitions/dma.c), with the same choice of core and vector, through the function's own
 * remapping entry. */
typedef bool (*vpci_msi_route_fn)(uint16_t bdf, const struct vpci_owner *o, uint64_t addr,
				  uint32_t data, uint64_t *hw_addr, uint32_t *hw_data);
extern vpci_msi_route_fn vpci_msi_route;
bool vpci_msi_route_direct(uint16_t bdf, const struct vpci_owner *o, uint64_t addr, uint32_t data,
			   uint64_t *hw_addr, uint32_t *hw_data);

/* The owned function the configuration address @cf8 (the partition's 0xcf8 latch) selects,
 * or NULL: enable bit clear, or a function not among @fn, which then reads as absent. */
struct vpci_fn *vpci_lookup(struct vpci_fn *fn, size_t n, uint32_t cf8);

/* A host bridge at 00:00.0 of every owner's bus, read-only, no BARs: operating systems look for
 * one before they trust configuration mechanism #1 (Linux's pci_sanity_check). Its ID is QEMU's
 * generic host bridge (1b36:0008), which no driver claims. What the partition reads at dword
 * @off of it. */
#define VPCI_HOST_BRIDGE_BDF 0
#define VPCI_HOST_BRIDGE_ID  0x00081b36U
uint32_t vpci_host_bridge_read(unsigned int off);

/* A function's power-on view: no BAR being sized, MSI as the reset device has it (off). */
void vpci_fn_reset(struct vpci_fn *f, const struct pci_func *hw);

/* What the partition reads at aligned dword @off (below PCI_CFG_SIZE), given the hardware's
 * dword @hw there. */
uint32_t vpci_read(const struct vpci_fn *f, unsigned int off, uint32_t hw);

/* The partition writes the bytes of @val selected by @be (bit n: byte n of the dword) at
 * aligned dword @off; @hw is the hardware's dword there now. Fills @out with what the hardware
 * gets (nothing: dropped) and returns how many. */
size_t vpci_write(struct vpci_fn *f, const struct vpci_owner *o, unsigned int off, uint32_t val,
		  unsigned int be, uint32_t hw, struct vpci_write out[VPCI_MAX_WRITES]);

#endif
