// SPDX-License-Identifier: BSD-2-Clause
// Silencing the interrupt sources nobody owns yet: the 8259 PICs and every IOAPIC pin. The
// partitions take their cores' interrupts directly, so a line the firmware left open would land
// in whichever partition runs on the core it targets.

#include "acpi.h"
#include "irq_quiesce.h"
#include "printk.h"
#include "x86.h"

/* 8259A (Intel 8259A data sheet): ICW1-ICW4 through the command and data ports. */
#define PIC1_CMD	 0x20
#define PIC1_DATA	 0x21
#define PIC2_CMD	 0xa0
#define PIC2_DATA	 0xa1
#define ICW1_INIT_ICW4	 0x11
#define PIC1_VECTOR_BASE 0xf0 /* even a spurious IRQ 7/15 lands far from the exceptions */
#define PIC2_VECTOR_BASE 0xf8
#define ICW3_PIC1_SLAVE	 0x04 /* the slave on IR2 */
#define ICW3_PIC2_ID	 0x02
#define ICW4_8086	 0x01
#define PIC_MASK_ALL	 0xff

/* IOAPIC (82093AA data sheet): index/data window, version register, redirection table. */
#define IOAPIC_REGSEL	   0x00
#define IOAPIC_WIN	   0x10
#define IOAPIC_VER	   0x01
#define IOAPIC_REDTBL(n)   (0x10 + 2 * (n))
#define IOAPIC_MAXREDIR(v) (((v) >> 16) & 0xff)
#define IOAPIC_RTE_MASKED  (1U << 16)

static void pic_mask(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	outb(PIC1_DATA, PIC1_VECTOR_BASE);
	outb(PIC2_DATA, PIC2_VECTOR_BASE);
	outb(PIC1_DATA, ICW3_PIC1_SLAVE);
	outb(PIC2_DATA, ICW3_PIC2_ID);
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	outb(PIC1_DATA, PIC_MASK_ALL);
	outb(PIC2_DATA, PIC_MASK_ALL);
}

static uint32_t ioapic_read(volatile uint32_t *base, uint32_t reg)
{
	base[IOAPIC_REGSEL / 4] = reg;
	return base[IOAPIC_WIN / 4];
}

static void ioapic_write(volatile uint32_t *base, uint32_t reg, uint32_t val)
{
	base[IOAPIC_REGSEL / 4] = reg;
	base[IOAPIC_WIN / 4] = val;
}

/* Only the mask bit changes: the rest of each entry stays as firmware left it. */
static unsigned int ioapic_mask(const struct acpi_ioapic *io)
{
	volatile uint32_t *base = (volatile uint32_t *)(uint64_t)io->addr;
	unsigned int pins = IOAPIC_MAXREDIR(ioapic_read(base, IOAPIC_VER)) + 1;

	for (unsigned int pin = 0; pin < pins; pin++) {
		uint32_t lo = ioapic_read(base, IOAPIC_REDTBL(pin));

		ioapic_write(base, IOAPIC_REDTBL(pin), lo | IOAPIC_RTE_MASKED);
	}
	return pins;
}

void irq_quiesce(const struct acpi_madt_info *madt)
{
	unsigned int pins = 0;

	pic_mask();
	for (size_t i = 0; i < madt->nioapics; i++)
		pins += ioapic_mask(&madt->ioapic[i]);
	pr_info("irq: 8259 PICs and %u IOAPIC pins masked", pins);
}
