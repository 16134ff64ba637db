// SPDX-License-Identifier: BSD-2-Clause
// Enumeration over a configuration accessor: functions, BAR sizes, capabilities (pure).

#include <string.h>

#include "pci.h"

#define DEVS_PER_BUS 32
#define FNS_PER_DEV  8

unsigned int pci_find_cap(const struct pci_cfg_ops *o, uint16_t bdf, uint8_t id)
{
	unsigned int ptr;

	if (!(o->read(o->ctx, bdf, PCI_COMMAND) & PCI_STATUS_CAP_LIST))
		return 0;
	ptr = o->read(o->ctx, bdf, PCI_CAP_PTR) & 0xfc;
	/* Every capability lies past the header; a bounded walk cannot loop for ever. */
	for (int n = 0; n < PCI_MAX_CAPS && ptr >= PCI_HEADER_END; n++) {
		uint32_t hdr = o->read(o->ctx, bdf, ptr);

		if ((hdr & 0xff) == id)
			return ptr;
		ptr = (hdr >> 8) & 0xfc;
	}
	return 0;
}

/* Writing all ones reads back the address bits the BAR decodes (PCI 3.0, 6.2.5.1). */
static uint32_t probe(const struct pci_cfg_ops *o, uint16_t bdf, unsigned int off)
{
	uint32_t old = o->read(o->ctx, bdf, off), got;

	o->write(o->ctx, bdf, off, 0xffffffffU);
	got = o->read(o->ctx, bdf, off);
	o->write(o->ctx, bdf, off, old);
	return got;
}

/* One BAR at register @i; returns how many registers it used (2 for a 64-bit one). */
static unsigned int size_bar(const struct pci_cfg_ops *o, uint16_t bdf, unsigned int i,
			     struct pci_bar *b)
{
	unsigned int off = PCI_BAR0 + 4 * i;
	uint32_t lo = o->read(o->ctx, bdf, off), mask = probe(o, bdf, off);
	uint64_t hi = 0, hmask = 0xffffffffU;

	b->flags = lo & ((lo & PCI_BAR_IO) ? ~PCI_BAR_IO_MASK : ~PCI_BAR_MEM_MASK);
	if (lo & PCI_BAR_IO) {
		mask &= PCI_BAR_IO_MASK & 0xffff;
		b->io = true;
		b->base = lo & PCI_BAR_IO_MASK;
		b->size = mask ? (~mask & 0xffff) + 1 : 0;
		return 1;
	}
	b->mem64 = (lo & PCI_BAR_TYPE_MASK) == PCI_BAR_MEM64 && i + 1 < PCI_BARS;
	if (b->mem64) {
		hi = o->read(o->ctx, bdf, off + 4);
		hmask = probe(o, bdf, off + 4);
	}
	mask &= PCI_BAR_MEM_MASK;
	b->base = hi << 32 | (lo & PCI_BAR_MEM_MASK);
	if (mask || (b->mem64 && hmask))
		b->size = ~(hmask << 32 | mask | (b->mem64 ? 0 : 0xffffffff00000000ULL)) + 1;
	return b->mem64 ? 2 : 1;
}

static void size_bars(const struct pci_cfg_ops *o, struct pci_func *f)
{
	unsigned int nbars = f->header == PCI_HEADER_NORMAL ? PCI_BARS : 2;
	uint32_t cmd = o->read(o->ctx, f->bdf, PCI_COMMAND) & 0xffff;

	/* Decode off while a BAR holds all ones: it would claim addresses it does not own. */
	o->write(o->ctx, f->bdf, PCI_COMMAND, cmd & ~(PCI_CMD_IO | PCI_CMD_MEM));
	for (unsigned int i = 0; i < nbars;) {
		unsigned int used = size_bar(o, f->bdf, i, &f->bar[i]);

		if (used == 2)
			f->bar[i + 1].upper = true;
		i += used;
	}
	o->write(o->ctx, f->bdf, PCI_COMMAND, cmd);
}

/* The list in order, for the virtual bus that hides an entry of it (vcpu/vpci_filter.c). */
static void list_caps(const struct pci_cfg_ops *o, struct pci_func *f)
{
	unsigned int ptr;

	if (!(o->read(o->ctx, f->bdf, PCI_COMMAND) & PCI_STATUS_CAP_LIST))
		return;
	ptr = o->read(o->ctx, f->bdf, PCI_CAP_PTR) & 0xfc;
	while (f->ncaps < PCI_MAX_CAPS && ptr >= PCI_HEADER_END) {
		f->cap[f->ncaps++] = (uint8_t)ptr;
		ptr = (o->read(o->ctx, f->bdf, ptr) >> 8) & 0xfc;
	}
}

static void read_caps(const struct pci_cfg_ops *o, struct pci_func *f)
{
	list_caps(o, f);
	f->cap_msi = (uint8_t)pci_find_cap(o, f->bdf, PCI_CAP_ID_MSI);
	f->cap_msix = (uint8_t)pci_find_cap(o, f->bdf, PCI_CAP_ID_MSIX);
	f->cap_pm = (uint8_t)pci_find_cap(o, f->bdf, PCI_CAP_ID_PM);
	f->cap_pcie = (uint8_t)pci_find_cap(o, f->bdf, PCI_CAP_ID_PCIE);
	if (f->cap_msi)
		f->msi_hdr = o->read(o->ctx, f->bdf, f->cap_msi);
	if (f->cap_pcie)
		f->flr = o->read(o->ctx, f->bdf, f->cap_pcie + PCI_PCIE_DEVCAP) & PCI_DEVCAP_FLR;
}

bool pci_read_func(const struct pci_cfg_ops *o, uint16_t bdf, struct pci_func *f)
{
	uint32_t id = o->read(o->ctx, bdf, PCI_VENDOR_ID);
	uint32_t irq;

	if ((id & 0xffff) == PCI_VENDOR_NONE || (id & 0xffff) == 0)
		return false;
	memset(f, 0, sizeof(*f));
	f->bdf = bdf;
	f->vendor = (uint16_t)id;
	f->device = (uint16_t)(id >> 16);
	f->class_rev = o->read(o->ctx, bdf, PCI_CLASS_REV);
	f->header = (uint8_t)PCI_HEADER_TYPE(o->read(o->ctx, bdf, PCI_HEADER_DWORD));
	f->command = (uint16_t)o->read(o->ctx, bdf, PCI_COMMAND);
	irq = o->read(o->ctx, bdf, PCI_INTERRUPT);
	f->irq_line = (uint8_t)irq;
	f->irq_pin = (uint8_t)(irq >> 8);
	if (f->header <= PCI_HEADER_BRIDGE)
		size_bars(o, f);
	read_caps(o, f);
	return true;
}

size_t pci_scan(const struct pci_cfg_ops *o, unsigned int bus_first, unsigned int bus_last,
		struct pci_func *out, size_t max)
{
	size_t n = 0;

	for (unsigned int bus = bus_first; bus <= bus_last; bus++)
		for (unsigned int dev = 0; dev < DEVS_PER_BUS; dev++)
			for (unsigned int fn = 0; fn < FNS_PER_DEV && n < max; fn++) {
				uint16_t bdf = PCI_BDF(bus, dev, fn);

				if (!pci_read_func(o, bdf, &out[n])) {
					if (fn == 0)
						break; /* no function 0: no device */
					continue;
				}
				n++;
				/* Functions 1-7 exist only behind a multi-function header. */
				if (fn == 0 &&
				    !PCI_HEADER_MULTI(o->read(o->ctx, bdf, PCI_HEADER_DWORD)))
					break;
			}
	return n;
}
