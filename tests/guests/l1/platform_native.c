// SPDX-License-Identifier: BSD-2-Clause
// The native shim: GRUB boots the L1 guest straight on the emulator, so there are no hypercalls;
// the guest library's console and test-exit go to COM1 and isa-debug-exit (lib/native.c). The
// firmware's 8259 PICs still deliver the PIT's IRQ 0 at vector 8: they are masked here, as
// Bulkhead masks them for its partitions.

#include "guest.h"
#include "native.h"
#include "platform.h"

#define PIC1_DATA    0x21
#define PIC2_DATA    0xa1
#define PIC_MASK_ALL 0xff

const char l1_platform_name[] = "native";

void l1_platform_init(void)
{
	outb(PIC1_DATA, PIC_MASK_ALL);
	outb(PIC2_DATA, PIC_MASK_ALL);
	native_console_init();
}
