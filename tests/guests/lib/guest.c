// SPDX-License-Identifier: BSD-2-Clause
// Hypercalls (VMMCALL on AMD, VMCALL on Intel, chosen by CPUID vendor) and console helpers.

#include "guest.h"

#define UART_BASE     0x3f8
#define UART_LSR      5
#define UART_LSR_THRE 0x20

static int vendor; /* 0: not asked yet, 1: AMD, 2: Intel */

static int cpu_vendor(void)
{
	uint32_t a = 0, b, c, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return b == 0x68747541 ? 1 : 2; /* "Auth"enticAMD */
}

int64_t hcall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	if (!vendor)
		vendor = cpu_vendor();
	if (vendor == 1)
		asm volatile("vmmcall" : "+a"(nr) : "D"(a0), "S"(a1), "d"(a2) : "memory");
	else
		asm volatile("vmcall" : "+a"(nr) : "D"(a0), "S"(a1), "d"(a2) : "memory");
	return (int64_t)nr;
}

static size_t length(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

void guest_puts(const char *s)
{
	hcall(HC_CONSOLE_WRITE, (uint64_t)s, length(s), 0);
}

void guest_put_uint(uint64_t v)
{
	char buf[24];
	int i = sizeof(buf) - 1;

	buf[i] = '\0';
	do
		buf[--i] = (char)('0' + v % 10);
	while ((v /= 10) && i > 0);
	guest_puts(&buf[i]);
}

static void outb(uint16_t port, uint8_t v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static uint8_t inb(uint16_t port)
{
	uint8_t v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

void guest_uart_puts(const char *s)
{
	for (; *s; s++) {
		while (!(inb(UART_BASE + UART_LSR) & UART_LSR_THRE))
			;
		outb(UART_BASE, (uint8_t)*s);
	}
}

_Noreturn void guest_test_exit(uint64_t status)
{
	hcall(HC_TEST_EXIT, status, 0, 0);
	for (;;)
		asm volatile("hlt");
}
