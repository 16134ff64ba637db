// SPDX-License-Identifier: BSD-2-Clause
// Legacy IRQ line test guest (tests/boot/test_pci.py): owns COM2 (ports 0x2f8-0x2ff) and ISA
// IRQ 3. Programs pin 3 of its virtual I/O APIC, which Bulkhead mirrors onto the physical pin,
// and takes COM2's THRE interrupts; a masked pin delivers nothing; a pin aimed at another
// partition's core still arrives here (the edu owner there would die of a foreign vector).

#include "guest.h"
#include "apic.h"
#include "trap.h"

#define COM2	     0x2f8
#define UART_THR     0
#define UART_IER     1
#define UART_IIR     2
#define UART_LCR     3
#define UART_MCR     4
#define IER_THRI     0x02
#define IIR_ID	     0x0f
#define IIR_THRI     0x02
#define LCR_8N1	     0x03
#define MCR_OUT2     0x08 /* gates the UART's interrupt onto the ISA line, as on a PC */
#define MCR_RTS_DTR  0x03
#define IRQ_COM2     3
#define VEC_COM2     0x43
#define IOAPIC	     0xfec00000UL
#define RTE_MASKED   (1U << 16)
#define REG_RTE(pin) (0x10 + 2 * (pin))
#define BURST	     8
#define WAIT_US	     2000000
#define QUIET_US     100000
#define FOREIGN_APIC 0 /* the edu owner's core */

static volatile uint32_t *const ioapic = (volatile uint32_t *)IOAPIC;
static volatile unsigned int irqs, left, bad_iir;

static void io_write(uint32_t index, uint32_t val)
{
	ioapic[0] = index;
	ioapic[4] = val; /* IOWIN at 0x10 */
}

/* Feeds THR while the burst lasts, then turns THRI off. */
static void on_com2(struct trap_frame *f)
{
	uint8_t iir = inb(COM2 + UART_IIR) & IIR_ID;

	(void)f;
	irqs++;
	if (iir != IIR_THRI)
		bad_iir++;
	else if (left && left--)
		outb(COM2 + UART_THR, 'x');
	else
		outb(COM2 + UART_IER, 0);
	apic_eoi();
}

static void route(uint32_t dest, bool masked)
{
	io_write(REG_RTE(IRQ_COM2) + 1, dest << 24);
	io_write(REG_RTE(IRQ_COM2), VEC_COM2 | (masked ? RTE_MASKED : 0));
}

/* A burst of THRE interrupts; returns how many arrived within @us. */
static unsigned int burst(uint64_t us)
{
	uint64_t start = rdtsc(), limit = guest_tsc_khz() * us / 1000;
	unsigned int before = irqs;

	left = BURST;
	outb(COM2 + UART_IER, IER_THRI);
	irq_enable();
	while (irqs - before <= BURST && rdtsc() - start < limit)
		cpu_relax();
	irq_disable();
	outb(COM2 + UART_IER, 0);
	return irqs - before;
}

void guest_main(void);
void guest_main(void)
{
	unsigned int n;

	trap_init();
	apic_enable();
	trap_set_handler(VEC_COM2, on_com2);
	outb(COM2 + UART_LCR, LCR_8N1);
	outb(COM2 + UART_MCR, MCR_OUT2 | MCR_RTS_DTR);
	route(apic_id(), false);
	n = burst(WAIT_US);
	GUEST_ASSERT(n > BURST);
	GUEST_ASSERT_EQ(bad_iir, 0);
	guest_printf("legacy: IRQ 3 through the I/O APIC: %u interrupts\n", n);
	route(apic_id(), true);
	GUEST_ASSERT_EQ(burst(QUIET_US), 0);
	guest_printf("legacy: masked: none\n");
	route(FOREIGN_APIC, false);
	n = burst(WAIT_US);
	GUEST_ASSERT(n > BURST);
	guest_printf("legacy: aimed at APIC ID %u: %u interrupts, all here\n", FOREIGN_APIC, n);
	guest_test_exit(GUEST_EXIT_PASS);
}
