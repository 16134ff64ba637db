// SPDX-License-Identifier: BSD-2-Clause
// Configuration mechanism #1: a dword address at 0xcf8, then the data at 0xcfc-0xcff.

#include "pci.h"

#include "guest.h"

#define CF8_ADDR       0xcf8
#define CF8_DATA       0xcfc
#define CF8_ENABLE     (1U << 31)
#define MAX_CAPS       48
#define MSI_CTL_ENABLE (1U << 0)
#define MSI_CTL_64     (1U << 7)
#define MSI_ADDR_BASE  0xfee00000U

static void select_reg(uint16_t bdf, unsigned int off)
{
	outl(CF8_ADDR, CF8_ENABLE | (uint32_t)bdf << 8 | (off & 0xfc));
}

uint32_t pci_read32(uint16_t bdf, unsigned int off)
{
	select_reg(bdf, off);
	return inl(CF8_DATA);
}

void pci_write32(uint16_t bdf, unsigned int off, uint32_t val)
{
	select_reg(bdf, off);
	outl(CF8_DATA, val);
}

uint16_t pci_read16(uint16_t bdf, unsigned int off)
{
	select_reg(bdf, off);
	return inw(CF8_DATA + (off & 2));
}

void pci_write16(uint16_t bdf, unsigned int off, uint16_t val)
{
	select_reg(bdf, off);
	outw(CF8_DATA + (off & 2), val);
}

bool pci_find(uint16_t vendor, uint16_t device, unsigned int last_bus, uint16_t *bdf,
	      unsigned int *found)
{
	bool hit = false;

	*found = 0;
	for (unsigned int bus = 0; bus <= last_bus; bus++)
		for (unsigned int dev = 0; dev < 32; dev++)
			for (unsigned int fn = 0; fn < 8; fn++) {
				uint16_t b = PCI_BDF(bus, dev, fn);
				uint32_t id = pci_read32(b, 0);

				if (id == PCI_ABSENT)
					continue;
				(*found)++;
				if (!hit && id == ((uint32_t)device << 16 | vendor)) {
					*bdf = b;
					hit = true;
				}
			}
	return hit;
}

unsigned int pci_find_cap(uint16_t bdf, uint8_t id, unsigned int *steps)
{
	unsigned int ptr = pci_read32(bdf, PCI_CAP_PTR) & 0xfc;

	*steps = 0;
	while (ptr >= 0x40 && *steps < MAX_CAPS) {
		uint32_t hdr = pci_read32(bdf, ptr);

		(*steps)++;
		if ((hdr & 0xff) == id)
			return ptr;
		ptr = (hdr >> 8) & 0xfc;
	}
	return 0;
}

uint32_t pci_bar_size(uint16_t bdf, unsigned int i)
{
	unsigned int off = PCI_BAR0 + 4 * i;
	uint32_t old = pci_read32(bdf, off), mask;

	pci_write32(bdf, off, 0xffffffffU);
	mask = pci_read32(bdf, off) & 0xfffffff0U;
	pci_write32(bdf, off, old);
	return mask ? ~mask + 1 : 0;
}

bool pci_msi_enable(uint16_t bdf, uint32_t apic_id, uint8_t vector)
{
	unsigned int steps, cap = pci_find_cap(bdf, PCI_CAP_ID_MSI, &steps);
	uint16_t ctl;

	if (!cap)
		return false;
	ctl = pci_read16(bdf, cap + 2);
	pci_write32(bdf, cap + 4, MSI_ADDR_BASE | apic_id << 12);
	if (ctl & MSI_CTL_64) {
		pci_write32(bdf, cap + 8, 0);
		pci_write16(bdf, cap + 12, vector);
	} else {
		pci_write16(bdf, cap + 8, vector);
	}
	pci_write16(bdf, cap + 2, ctl | MSI_CTL_ENABLE);
	return true;
}
