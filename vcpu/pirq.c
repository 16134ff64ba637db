// SPDX-License-Identifier: BSD-2-Clause
// Owned legacy lines on the physical I/O APIC: the partition's own vector and core, so the
// interrupt reaches its IDT directly (external interrupts are not intercepted) and its EOI to
// its local APIC ends a level-triggered one as on hardware.

#include "pirq.h"

#include "iommu.h"
#include "mm.h"
#include "partition.h"
#include "platform.h"
#include "printk.h"
#include "spinlock.h"

#define IOAPIC_REGSEL	 0x00
#define IOAPIC_WIN	 0x10
#define IOAPIC_VER	 0x01
#define IOAPIC_REDTBL(n) (0x10 + 2 * (n))
#define IOAPIC_PINS(v)	 ((((v) >> 16) & 0xff) + 1)
#define ISA_BUS		 0

/* IOREGSEL and IOWIN are one pair per chip: no two CPUs may interleave. */
static struct spinlock ioapic_lock;

static bool owns(const struct partition *p, unsigned int irq)
{
	for (size_t i = 0; i < p->cfg->nirqs; i++)
		if (p->cfg->irq[i] == irq)
			return true;
	return false;
}

/* ISA line @irq is GSI @irq unless an interrupt source override says otherwise. */
static uint32_t gsi_of(unsigned int irq, uint16_t *inti)
{
	const struct acpi_madt_info *m = &platform.madt;

	*inti = 0;
	for (size_t i = 0; i < m->novr; i++)
		if (m->ovr[i].bus == ISA_BUS && m->ovr[i].source == irq) {
			*inti = m->ovr[i].flags;
			return m->ovr[i].gsi;
		}
	return irq;
}

static void ioapic_write_rte(uint32_t gsi, uint64_t rte)
{
	const struct acpi_madt_info *m = &platform.madt;

	for (size_t i = 0; i < m->nioapics; i++) {
		volatile uint32_t *io = phys_to_virt(m->ioapic[i].addr);
		uint32_t pin = gsi - m->ioapic[i].gsi_base;

		if (gsi < m->ioapic[i].gsi_base)
			continue;
		/* Under interrupt remapping the chip's requests must name a remapping entry. */
		if (!iommu_ioapic_rte(m->ioapic[i].id, gsi, rte, &rte))
			rte = PIRQ_RTE_MASKED;
		spin_lock(&ioapic_lock);
		io[IOAPIC_REGSEL / 4] = IOAPIC_VER;
		if (pin < IOAPIC_PINS(io[IOAPIC_WIN / 4])) {
			/* Masked first, so the chip never holds half an entry unmasked. */
			io[IOAPIC_REGSEL / 4] = IOAPIC_REDTBL(pin);
			io[IOAPIC_WIN / 4] = (uint32_t)PIRQ_RTE_MASKED;
			io[IOAPIC_REGSEL / 4] = IOAPIC_REDTBL(pin) + 1;
			io[IOAPIC_WIN / 4] = (uint32_t)(rte >> 32);
			io[IOAPIC_REGSEL / 4] = IOAPIC_REDTBL(pin);
			io[IOAPIC_WIN / 4] = (uint32_t)rte;
		}
		spin_unlock(&ioapic_lock);
		return;
	}
}

void pirq_update(struct partition *p, unsigned int pin, uint64_t guest_rte)
{
	const struct vpci_owner o = {p->cfg->cpu, p->cfg->ncpus};
	uint16_t inti;
	uint32_t gsi;
	uint64_t rte;

	if (!owns(p, pin))
		return;
	gsi = gsi_of(pin, &inti);
	rte = pirq_route(&o, guest_rte, inti);
	ioapic_write_rte(gsi, rte);
	pr_debug("partition %s: IRQ %u (GSI %u) -> 0x%lx", p->cfg->name, pin, gsi,
		 (unsigned long)rte);
}

void pirq_reset(struct partition *p)
{
	for (size_t i = 0; i < p->cfg->nirqs; i++) {
		uint16_t inti;

		ioapic_write_rte(gsi_of(p->cfg->irq[i], &inti), PIRQ_RTE_MASKED);
	}
}
