// SPDX-License-Identifier: BSD-2-Clause
// Polled 16550 driver: no interrupts, so it works in exception handlers and before SMP is up.

#include "uart.h"
#include "x86.h"

/* Register offsets from the I/O base (16550D data sheet). */
#define UART_THR 0 /* transmit holding (DLAB=0) */
#define UART_DLL 0 /* divisor latch low (DLAB=1) */
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7

#define LCR_8N1		 0x03
#define LCR_DLAB	 0x80
#define FCR_ENABLE_CLEAR 0x07
#define MCR_DTR_RTS_OUT2 0x0b
#define LSR_THRE	 0x20

#define UART_CLOCK_HZ 1843200
#define UART_BAUD     115200

/* Bounded wait: a UART that never drains must not hang the hypervisor. */
#define UART_TX_SPINS 100000

bool uart_init(uint16_t base)
{
	uint16_t divisor = UART_CLOCK_HZ / 16 / UART_BAUD;

	/* The scratch register tells a real UART from an empty port (which reads 0xff). */
	outb(base + UART_SCR, 0x5a);
	if (inb(base + UART_SCR) != 0x5a)
		return false;

	outb(base + UART_IER, 0);
	outb(base + UART_LCR, LCR_DLAB);
	outb(base + UART_DLL, divisor & 0xff);
	outb(base + UART_DLM, divisor >> 8);
	outb(base + UART_LCR, LCR_8N1);
	outb(base + UART_FCR, FCR_ENABLE_CLEAR);
	outb(base + UART_MCR, MCR_DTR_RTS_OUT2);
	return true;
}

static void uart_putc(uint16_t base, char c)
{
	for (unsigned int i = 0; i < UART_TX_SPINS; i++) {
		if (inb(base + UART_LSR) & LSR_THRE)
			break;
		cpu_relax();
	}
	outb(base + UART_THR, (uint8_t)c);
}

void uart_write(uint16_t base, const char *s, size_t len)
{
	while (len--)
		uart_putc(base, *s++);
}
