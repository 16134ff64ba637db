// SPDX-License-Identifier: BSD-2-Clause
// Machine reset, strongest first: the PCI reset control register, the keyboard controller,
// and a triple fault, which resets every PC.

#include "printk.h"
#include "reset.h"
#include "tsc.h"
#include "x86.h"

#define PORT_RESET_CONTROL 0xcf9 /* Intel ICH/PIIX "Reset Control Register" */
#define RCR_SYS_RST	   0x02	 /* full reset, not just the CPU */
#define RCR_RST_CPU	   0x04	 /* the 0 -> 1 transition starts it */
#define PORT_KBC_CMD	   0x64
#define KBC_PULSE_RESET	   0xfe
#define RESET_WAIT_US	   100000

_Noreturn void machine_reset(const char *who)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) no_idt = {0, 0};

	pr_err("resetting the machine (asked by %s)", who);
	outb(PORT_RESET_CONTROL, RCR_SYS_RST);
	outb(PORT_RESET_CONTROL, RCR_SYS_RST | RCR_RST_CPU);
	udelay(RESET_WAIT_US);
	outb(PORT_KBC_CMD, KBC_PULSE_RESET);
	udelay(RESET_WAIT_US);
	/* No IDT: the next exception cannot be delivered, and the CPU shuts down. */
	asm volatile("lidt %0; int3" : : "m"(no_idt));
	for (;;)
		asm volatile("cli; hlt");
}
