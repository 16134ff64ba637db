// SPDX-License-Identifier: BSD-2-Clause
// Serial interrupt test guest: finds its I/O APIC in the MADT, probes the console UART the way
// Linux's 8250 driver does, and prints a line interrupt-driven: pin 4 of the I/O APIC, THRE
// interrupts, one byte per interrupt from the handler. Then the containment side: a masked
// pin delivers nothing, and a pin aimed at another partition's CPU (or asking for SMI) is
// refused by Bulkhead and reaches nobody (the timer partition next to it would fail).

#include "guest.h"
#include "acpi.h"
#include "apic.h"
#include "trap.h"

#define COM1	     0x3f8
#define UART_THR     0
#define UART_IER     1
#define UART_IIR     2
#define UART_FCR     2
#define UART_LCR     3
#define UART_MCR     4
#define UART_LSR     5
#define UART_MSR     6
#define UART_SCR     7
#define IER_THRI     0x02
#define IIR_ID	     0x0f
#define IIR_NO_INT   0x01
#define IIR_THRI     0x02
#define MCR_OUT2     0x08
#define MCR_LOOP     0x10
#define MCR_RTS	     0x02
#define LSR_THRE     0x20
#define PIN_COM1     4
#define VEC_SERIAL   0x44
#define RTE_MASKED   (1U << 16)
#define RTE_SMI	     (2U << 8)
#define REG_VERSION  0x01
#define REG_RTE(pin) (0x10 + 2 * (pin))
#define WAIT_US	     20000
#define FOREIGN_APIC 1 /* CPU 1: the timer partition's in partition-timer.dts */

static volatile uint32_t *ioapic;
static volatile unsigned int irqs, bad_iir;
static const char *volatile to_send;

static void io_write(uint32_t index, uint32_t val)
{
	ioapic[0] = index;
	ioapic[4] = val; /* IOWIN at 0x10 */
}

static uint32_t io_read(uint32_t index)
{
	ioapic[0] = index;
	return ioapic[4];
}

/* The handler of a real driver: ask IIR why, feed THR, stop THRI when there is nothing left. */
static void on_serial(struct trap_frame *f)
{
	uint8_t iir = inb(COM1 + UART_IIR) & IIR_ID;

	(void)f;
	irqs++;
	if (iir != IIR_THRI)
		bad_iir++;
	else if (*to_send)
		outb(COM1 + UART_THR, (uint8_t)*to_send++);
	else
		outb(COM1 + UART_IER, 0);
	apic_eoi();
}

/* Linux's autoconfig: scratch, IER read-back, loopback, FIFO. */
static void probe(void)
{
	outb(COM1 + UART_SCR, 0xa5);
	GUEST_ASSERT_EQ(inb(COM1 + UART_SCR), 0xa5);
	outb(COM1 + UART_IER, 0x0f);
	GUEST_ASSERT_EQ(inb(COM1 + UART_IER), 0x0f);
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_MCR, MCR_LOOP | MCR_OUT2 | MCR_RTS);
	GUEST_ASSERT_EQ(inb(COM1 + UART_MSR) & 0xf0, 0x90);
	outb(COM1 + UART_MCR, 0);
	outb(COM1 + UART_FCR, 0x01);
	GUEST_ASSERT_EQ(inb(COM1 + UART_IIR) & 0xc0, 0xc0);
	outb(COM1 + UART_LCR, 0x03);
	GUEST_ASSERT(inb(COM1 + UART_LSR) & LSR_THRE);
	guest_printf("serial-irq: 16550A found at 0x%x\n", COM1);
}

static void wait_us(uint64_t us)
{
	irq_enable();
	guest_udelay(us);
	irq_disable();
}

/* A line sent one byte per THRE interrupt: the first comes when THRI is enabled. */
static void interrupt_driven(void)
{
	static const char line[] = "serial-irq: this line was sent by interrupts\n";

	to_send = line;
	irqs = 0;
	io_write(REG_RTE(PIN_COM1) + 1, apic_id() << 24);
	io_write(REG_RTE(PIN_COM1), VEC_SERIAL); /* fixed, physical, edge, unmasked */
	outb(COM1 + UART_MCR, MCR_OUT2);
	outb(COM1 + UART_IER, IER_THRI);
	wait_us(WAIT_US);
	GUEST_ASSERT_EQ(bad_iir, 0);
	GUEST_ASSERT(*to_send == 0);
	/* One interrupt per byte, and the last one finds nothing left to send. */
	GUEST_ASSERT_EQ(irqs, sizeof(line));
	guest_printf("serial-irq: %u THRE interrupts through I/O APIC pin %u\n", irqs, PIN_COM1);
}

static void masked_and_refused(void)
{
	irqs = 0;
	io_write(REG_RTE(PIN_COM1), VEC_SERIAL | RTE_MASKED);
	outb(COM1 + UART_IER, IER_THRI);
	wait_us(WAIT_US);
	GUEST_ASSERT_EQ(irqs, 0);
	GUEST_ASSERT_EQ(inb(COM1 + UART_IIR) & IIR_ID, IIR_THRI); /* asserted, just masked */
	outb(COM1 + UART_IER, 0);
	/* To another partition's CPU, then as an SMI to its own: Bulkhead refuses both. */
	io_write(REG_RTE(PIN_COM1) + 1, FOREIGN_APIC << 24);
	io_write(REG_RTE(PIN_COM1), VEC_SERIAL);
	outb(COM1 + UART_IER, IER_THRI);
	outb(COM1 + UART_IER, 0);
	io_write(REG_RTE(PIN_COM1) + 1, apic_id() << 24);
	io_write(REG_RTE(PIN_COM1), VEC_SERIAL | RTE_SMI);
	outb(COM1 + UART_IER, IER_THRI);
	outb(COM1 + UART_IER, 0);
	wait_us(WAIT_US);
	GUEST_ASSERT_EQ(irqs, 0);
	guest_printf("serial-irq: masked and foreign pins delivered nothing here\n");
}

void guest_main(void);
void guest_main(void)
{
	struct acpi_cpus acpi;

	GUEST_ASSERT(acpi_read_cpus(&acpi));
	GUEST_ASSERT_EQ(acpi.nioapics, 1);
	ioapic = (volatile uint32_t *)(uintptr_t)acpi.ioapic_addr;
	guest_printf("serial-irq: I/O APIC id %u at 0x%x, GSI base %u, version 0x%x\n",
		     acpi.ioapic_id, acpi.ioapic_addr, acpi.ioapic_gsi_base, io_read(REG_VERSION));
	GUEST_ASSERT_EQ(io_read(REG_VERSION), 0x00170020);
	trap_init();
	apic_enable();
	trap_set_handler(VEC_SERIAL, on_serial);
	probe();
	interrupt_driven();
	masked_and_refused();
	guest_printf("serial-irq: all checks passed\n");
	guest_test_exit(GUEST_EXIT_PASS);
}
