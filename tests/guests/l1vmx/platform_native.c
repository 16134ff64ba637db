// SPDX-License-Identifier: BSD-2-Clause
// The native shim on Bochs: GRUB boots the guest straight on the emulator, so there are no
// hypercalls. The console goes to COM1 (lib/native.c); Bochs has no isa-debug-exit, so the end
// of the run prints its status and writes "Shutdown" to Bochs' port 0x8900, which stops it.
// The firmware's 8259 PICs are masked, as Bulkhead masks them for its partitions.

#include "guest.h"
#include "native.h"
#include "platform.h"

#define PIC1_DATA	    0x21
#define PIC2_DATA	    0xa1
#define PIC_MASK_ALL	    0xff
#define BOCHS_SHUTDOWN_PORT 0x8900
#define UART_LSR	    5
#define UART_LSR_TEMT	    0x40 /* transmitter empty: the last byte has left (NS16550A) */

const char l1_platform_name[] = "native";
uint64_t l1_partition_end;
static int64_t (*console_hcall)(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2);

static int64_t bochs_hcall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	static const char shutdown[] = "Shutdown";

	if (nr != HC_TEST_EXIT)
		return console_hcall(nr, a0, a1, a2);
	guest_printf("l1vmx: exit status %lu\n", (unsigned long)a0);
	/* Bochs stops at once: what is still in the UART would never reach the log. */
	while (!(inb(NATIVE_COM1 + UART_LSR) & UART_LSR_TEMT))
		cpu_relax();
	for (const char *c = shutdown; *c; c++)
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*c);
	for (;;)
		asm volatile("cli; hlt");
}

void l1_platform_init(void)
{
	outb(PIC1_DATA, PIC_MASK_ALL);
	outb(PIC2_DATA, PIC_MASK_ALL);
	native_console_init();
	console_hcall = guest_hcall_hook;
	guest_hcall_hook = bochs_hcall;
}
