// SPDX-License-Identifier: BSD-2-Clause
// The partition's I/O APIC and the UART behind pin 4: register accesses under one lock per
// partition, and each rising edge sent as an interrupt message to the partition's own CPUs.

#include "vioapic.h"

#include <stdio.h>

#include "acpi_build.h"
#include "mmio.h"
#include "partition.h"
#include "pirq.h"
#include "spinlock.h"
#include "vlapic_regs.h"
#include "vuart.h"

#define REG_BYTES     4
#define REG_STRIDE    0x10 /* IOREGSEL, IOWIN and EOIR are dwords 16 bytes apart */
#define RTE_REG_FIRST 0x10 /* redirection entries: two registers each from here */

/* The MADT the partition reads names this I/O APIC (partitions/acpi_build.c). */
_Static_assert(VIOAPIC_BASE == ACPI_BUILD_IOAPIC_ADDR && VIOAPIC_ID == ACPI_BUILD_IOAPIC_ID,
	       "the MADT and the emulation agree");

struct vdevs {
	struct spinlock lock;
	struct vioapic ioapic;
	struct vuart uart;
};

static struct vdevs devs[CFG_MAX_PARTITIONS];

static struct vdevs *devs_of(const struct partition *p)
{
	return &devs[p->index % CFG_MAX_PARTITIONS];
}

void vioapic_reset(struct partition *p)
{
	struct vdevs *d = devs_of(p);

	spin_lock(&d->lock);
	vioapic_regs_reset(&d->ioapic);
	vuart_reset(&d->uart);
	spin_unlock(&d->lock);
}

/* An edge on @pin: its redirection entry becomes an interrupt message, routed like an IPI of
 * @v's (its own CPUs only; SMI and ExtINT refused). Sent after the lock is dropped. */
static void raise_pin(struct vcpu *v, struct vdevs *d, unsigned int pin)
{
	uint32_t lo, hi;
	bool unmasked = vioapic_message(&d->ioapic, pin, &lo, &hi);

	spin_unlock(&d->lock);
	if (unmasked)
		vlapic_message(v, lo, hi);
}

static void uart_tx(void *ctx, char c)
{
	part_console_write(ctx, &c, 1);
}

uint8_t vioapic_uart_in(struct vcpu *v, unsigned int reg)
{
	struct vdevs *d = devs_of(v->part);
	uint8_t val;

	spin_lock(&d->lock);
	if (vuart_read(&d->uart, reg, &val))
		raise_pin(v, d, VIOAPIC_PIN_COM1);
	else
		spin_unlock(&d->lock);
	return val;
}

void vioapic_uart_out(struct vcpu *v, unsigned int reg, uint8_t val)
{
	struct vdevs *d = devs_of(v->part);

	spin_lock(&d->lock);
	if (vuart_write(&d->uart, reg, val, uart_tx, v->part))
		raise_pin(v, d, VIOAPIC_PIN_COM1);
	else
		spin_unlock(&d->lock);
}

/* Only aligned dwords at the register offsets decode; everything else reads 0 and is dropped. */
static bool access(struct vcpu *v, uint64_t gpa, unsigned int size, bool write, uint64_t *val)
{
	struct vdevs *d = devs_of(v->part);
	uint32_t off = (uint32_t)(gpa - VIOAPIC_BASE);

	if (gpa < VIOAPIC_BASE || gpa + size > VIOAPIC_BASE + VIOAPIC_SIZE) {
		char what[80];

		snprintf(what, sizeof(what), "I/O APIC: access outside its page at 0x%lx",
			 (unsigned long)gpa);
		part_fault(v->part, what);
		return false;
	}
	if (size != REG_BYTES || (off % REG_STRIDE)) {
		if (!write)
			*val = 0;
		return true;
	}
	spin_lock(&d->lock);
	if (write)
		vioapic_regs_write(&d->ioapic, off, (uint32_t)*val);
	else
		*val = vioapic_regs_read(&d->ioapic, off);
	/* An owned legacy line's physical pin follows its virtual entry, half by half. */
	if (write && off == VIOAPIC_IOWIN && d->ioapic.ioregsel >= RTE_REG_FIRST &&
	    d->ioapic.ioregsel < RTE_REG_FIRST + 2 * VIOAPIC_PINS) {
		unsigned int pin = (d->ioapic.ioregsel - RTE_REG_FIRST) / 2;

		pirq_update(v->part, pin, d->ioapic.rte[pin]);
	}
	spin_unlock(&d->lock);
	return true;
}

bool vioapic_mmio(struct vcpu *v, const struct vcpu_exit *e)
{
	if (e->npf.not_insn) {
		part_fault(v->part, "page-table walk or event delivery through the I/O APIC page");
		return false;
	}
	return mmio_emulate(v, e, access);
}
