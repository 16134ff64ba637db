// SPDX-License-Identifier: BSD-2-Clause
// The library's hypercalls without a hypervisor: COM1 for the console, isa-debug-exit to end.

#include "guest.h"
#include "native.h"

/* 16550 registers and bits (NS16550A data sheet). */
#define UART_THR	 0
#define UART_IER	 1
#define UART_DLL	 0
#define UART_DLM	 1
#define UART_FCR	 2
#define UART_LCR	 3
#define UART_MCR	 4
#define UART_LSR	 5
#define UART_LCR_DLAB	 0x80
#define UART_LCR_8N1	 0x03
#define UART_FCR_ENABLE	 0x07 /* enable and clear both FIFOs */
#define UART_MCR_DTR_RTS 0x03
#define UART_LSR_THRE	 0x20
#define UART_DIV_115200	 1

static void uart_putc(char c)
{
	while (!(inb(NATIVE_COM1 + UART_LSR) & UART_LSR_THRE))
		cpu_relax();
	outb(NATIVE_COM1 + UART_THR, (uint8_t)c);
}

static int64_t native_hcall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	(void)a2;
	switch (nr) {
	case HC_CONSOLE_WRITE:
		for (uint64_t i = 0; i < a1; i++)
			uart_putc(((const char *)a0)[i]);
		return (int64_t)a1;
	case HC_TEST_EXIT:
		outl(NATIVE_DEBUG_EXIT, (uint32_t)a0);
		for (;;)
			asm volatile("cli; hlt");
	default:
		return HC_E_NOSYS;
	}
}

void native_console_init(void)
{
	outb(NATIVE_COM1 + UART_IER, 0);
	outb(NATIVE_COM1 + UART_LCR, UART_LCR_DLAB);
	outb(NATIVE_COM1 + UART_DLL, UART_DIV_115200);
	outb(NATIVE_COM1 + UART_DLM, 0);
	outb(NATIVE_COM1 + UART_LCR, UART_LCR_8N1);
	outb(NATIVE_COM1 + UART_FCR, UART_FCR_ENABLE);
	outb(NATIVE_COM1 + UART_MCR, UART_MCR_DTR_RTS);
	guest_hcall_hook = native_hcall;
}
