/* SPDX-License-Identifier: BSD-2-Clause */
/* PCI configuration space through the ports 0xcf8/0xcfc (mechanism #1), as a partition sees its
 * virtual bus, and the few walks the test guests need. */
#ifndef GUEST_PCI_H
#define GUEST_PCI_H

#include <stdbool.h>
#include <stdint.h>

#define PCI_BDF(bus, dev, fn) ((uint16_t)((bus) << 8 | (dev) << 3 | (fn)))
#define PCI_ABSENT	      0xffffffffU

#define PCI_COMMAND	 0x04
#define PCI_BAR0	 0x10
#define PCI_CAP_PTR	 0x34
#define PCI_INTERRUPT	 0x3c
#define PCI_CMD_MEM	 (1U << 1)
#define PCI_CMD_MASTER	 (1U << 2)
#define PCI_CMD_INTX_OFF (1U << 10)
#define PCI_CAP_ID_MSI	 0x05
#define PCI_CAP_ID_MSIX	 0x11

uint32_t pci_read32(uint16_t bdf, unsigned int off);
void pci_write32(uint16_t bdf, unsigned int off, uint32_t val);
uint16_t pci_read16(uint16_t bdf, unsigned int off);
void pci_write16(uint16_t bdf, unsigned int off, uint16_t val);

/* The first function with @vendor:@device on buses 0-@last_bus; false if none. Counts every
 * function that answers in *@found. */
bool pci_find(uint16_t vendor, uint16_t device, unsigned int last_bus, uint16_t *bdf,
	      unsigned int *found);
/* Capability @id's offset, 0 if the list lacks it; @steps: entries walked. */
unsigned int pci_find_cap(uint16_t bdf, uint8_t id, unsigned int *steps);
/* Size of the 32-bit memory BAR @i by the all-ones write, which restores the BAR after. */
uint32_t pci_bar_size(uint16_t bdf, unsigned int i);

/* MSI to @apic_id, @vector, fixed, edge; enabled. False without an MSI capability. */
bool pci_msi_enable(uint16_t bdf, uint32_t apic_id, uint8_t vector);

#endif
