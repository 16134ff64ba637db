// SPDX-License-Identifier: BSD-2-Clause
// The trapped configuration mechanism #1 (PCI 3.0, 3.2.2.3.2) of a partition's virtual bus: the
// address latch, and each data access filtered (vcpu/vpci_filter.c) before the real function
// sees it. Functions the partition does not own read as absent (all ones), except a read-only
// host bridge at 00:00.0; writes to them drop.

#include "vpci.h"

#include "partition.h"
#include "pci.h"
#include "printk.h"
#include "spinlock.h"
#include "vpci_filter.h"

#define CF8_ENABLE (1U << 31)
#define CF8_BDF(a) ((uint16_t)((a) >> 8))
#define CF8_REG(a) ((a)&0xfcU)
#define ABSENT	   0xffffffffU
#define DATA_PORTS 4

struct vbus {
	struct spinlock lock;
	uint32_t addr; /* the latch at 0xcf8 */
	struct vpci_fn fn[CFG_MAX_PCI];
	size_t nfn;
};

static struct vbus buses[CFG_MAX_PARTITIONS];

static struct vbus *bus_of(const struct partition *p)
{
	return &buses[p->index % CFG_MAX_PARTITIONS];
}

void vpci_reset(struct partition *p)
{
	struct vbus *b = bus_of(p);

	spin_lock(&b->lock);
	b->addr = 0;
	b->nfn = 0;
	for (size_t i = 0; i < p->cfg->npci; i++) {
		const struct pci_func *hw = pci_func_by_bdf(p->cfg->pci[i]);

		if (hw) /* the boot checks made sure it is */
			vpci_fn_reset(&b->fn[b->nfn++], hw);
	}
	spin_unlock(&b->lock);
}

void vpci_freeze(struct partition *p)
{
	struct vbus *b = bus_of(p);

	spin_lock(&b->lock);
	b->nfn = 0;
	spin_unlock(&b->lock);
}

bool vpci_port(const struct partition *p, uint16_t port)
{
	return p->cfg->npci && port >= VPCI_PORT_ADDR && port < VPCI_PORT_DATA + DATA_PORTS;
}

static unsigned int byte_enables(unsigned int shift, uint8_t size)
{
	return ((1U << size) - 1) << shift;
}

static void data_write(struct vcpu *v, struct vpci_fn *f, unsigned int reg, unsigned int shift,
		       uint8_t size, uint32_t val)
{
	const struct vpci_owner o = {v->part->cfg->cpu, v->part->cfg->ncpus};
	struct vpci_write out[VPCI_MAX_WRITES];
	uint32_t hw = pci_hw->read(pci_hw->ctx, f->hw->bdf, reg);
	size_t n = vpci_write(f, &o, reg, val << (8 * shift), byte_enables(shift, size), hw, out);

	for (size_t i = 0; i < n; i++)
		pci_hw->write(pci_hw->ctx, f->hw->bdf, out[i].off, out[i].val);
	if (!n)
		pr_debug("%s: config write 0x%x to %02x:%02x.%x offset 0x%x dropped",
			 v->part->cfg->name, val, PCI_BDF_BUS(f->hw->bdf), PCI_BDF_DEV(f->hw->bdf),
			 PCI_BDF_FN(f->hw->bdf), reg + shift);
}

static void data_access(struct vcpu *v, struct vbus *b, unsigned int shift, uint8_t size, bool in,
			uint32_t *val)
{
	struct vpci_fn *f = vpci_lookup(b->fn, b->nfn, b->addr);
	unsigned int reg = CF8_REG(b->addr);

	if (!f) {
		bool bridge = (b->addr & CF8_ENABLE) && CF8_BDF(b->addr) == VPCI_HOST_BRIDGE_BDF;

		if (in)
			*val = bridge ? vpci_host_bridge_read(reg) >> (8 * shift) : ABSENT;
		return;
	}
	if (in) {
		uint32_t d = vpci_read(f, reg, pci_hw->read(pci_hw->ctx, f->hw->bdf, reg));

		*val = d >> (8 * shift);
	} else {
		data_write(v, f, reg, shift, size, *val);
	}
}

void vpci_io(struct vcpu *v, uint16_t port, uint8_t size, bool in, uint32_t *val)
{
	struct vbus *b = bus_of(v->part);

	spin_lock(&b->lock);
	if (port >= VPCI_PORT_DATA) {
		unsigned int shift = port - VPCI_PORT_DATA;

		if (shift + size <= DATA_PORTS)
			data_access(v, b, shift, size, in, val);
		else if (in)
			*val = ABSENT;
	} else if (port == VPCI_PORT_ADDR && size == 4) {
		/* Only a dword at 0xcf8 is the address; bytes there (0xcf9: the machine's reset
		 * control) are not the partition's. */
		if (in)
			*val = b->addr;
		else
			b->addr = *val & (CF8_ENABLE | 0x00fffffcU);
	} else if (in) {
		*val = ABSENT;
	}
	spin_unlock(&b->lock);
}
