// SPDX-License-Identifier: BSD-2-Clause
// The I/O APIC's indirect registers: ID, version, arbitration, and 24 redirection entries.

#include "vioapic_regs.h"

#define REG_ID	     0x00
#define REG_VERSION  0x01
#define REG_ARB	     0x02
#define REG_RTE_BASE 0x10
#define ID_MASK	     0x0f000000U /* bits 27:24 */
#define ID_SHIFT     24
/* Version 0x20 (with the EOI register), maximum redirection entry 23 in bits 23:16. */
#define VERSION (0x20U | ((VIOAPIC_PINS - 1U) << 16))
/* Writable bits: vector, delivery and destination mode, polarity, trigger, mask, destination.
 * Delivery status (12) and remote IRR (14) are the chip's. */
#define RTE_WRITABLE (0xff00000000000000ULL | 0x1afffULL)
#define ICR_ASSERT   (1U << 14)

void vioapic_regs_reset(struct vioapic *a)
{
	*a = (struct vioapic){.id = (uint32_t)VIOAPIC_ID << ID_SHIFT};
	for (unsigned int i = 0; i < VIOAPIC_PINS; i++)
		a->rte[i] = RTE_MASKED;
}

/* Register @index, or -1: the 32-bit half of a redirection entry it names. */
static int rte_of(uint32_t index, bool *high)
{
	if (index < REG_RTE_BASE || index >= REG_RTE_BASE + 2 * VIOAPIC_PINS)
		return -1;
	*high = (index - REG_RTE_BASE) & 1;
	return (int)((index - REG_RTE_BASE) / 2);
}

static uint32_t reg_read(const struct vioapic *a, uint32_t index)
{
	bool high;
	int pin = rte_of(index, &high);

	if (pin >= 0)
		return (uint32_t)(a->rte[pin] >> (high ? 32 : 0));
	if (index == REG_ID)
		return a->id;
	if (index == REG_VERSION)
		return VERSION;
	if (index == REG_ARB)
		return a->id; /* the arbitration ID follows the APIC ID */
	return 0;
}

static void reg_write(struct vioapic *a, uint32_t index, uint32_t val)
{
	bool high;
	int pin = rte_of(index, &high);
	uint64_t v;

	if (pin < 0) {
		if (index == REG_ID)
			a->id = val & ID_MASK;
		return;
	}
	v = high ? (a->rte[pin] & 0xffffffffULL) | ((uint64_t)val << 32)
		 : (a->rte[pin] & ~0xffffffffULL) | val;
	a->rte[pin] = (a->rte[pin] & ~RTE_WRITABLE) | (v & RTE_WRITABLE);
}

uint32_t vioapic_regs_read(struct vioapic *a, uint32_t off)
{
	if (off == VIOAPIC_IOREGSEL)
		return a->ioregsel;
	if (off == VIOAPIC_IOWIN)
		return reg_read(a, a->ioregsel);
	return 0;
}

/* The EOI register only matters for level-triggered entries: Bulkhead delivers every entry as
 * an edge (docs/partition-view.md), so nothing waits for it. */
void vioapic_regs_write(struct vioapic *a, uint32_t off, uint32_t val)
{
	if (off == VIOAPIC_IOREGSEL)
		a->ioregsel = val & 0xff;
	else if (off == VIOAPIC_IOWIN)
		reg_write(a, a->ioregsel, val);
}

bool vioapic_message(const struct vioapic *a, unsigned int pin, uint32_t *lo, uint32_t *hi)
{
	uint64_t e;

	if (pin >= VIOAPIC_PINS || (a->rte[pin] & RTE_MASKED))
		return false;
	e = a->rte[pin];
	*lo = (uint32_t)(e & (RTE_VECTOR_MASK | RTE_DELIVERY_MASK | RTE_DEST_LOGICAL)) | ICR_ASSERT;
	*hi = (uint32_t)(e >> RTE_DEST_SHIFT) << 24;
	return true;
}
