// SPDX-License-Identifier: BSD-2-Clause
// raw64 test guest: greets by its partition's name, counts, reads its exit counters, has
// Bulkhead print them, and exits. Where its partition has a watchdog (the demo's sensor), it
// kicks it after each step.

#include "guest.h"

#define COUNT 3

static struct hc_partition_info info;

/* Without a watchdog the call says HC_E_INVAL, which is no failure here. */
static void kick(void)
{
	hcall(HC_WATCHDOG_KICK, 0, 0, 0);
}

void guest_main(void);
void guest_main(void)
{
	if (hcall(HC_PARTITION_INFO, (uint64_t)&info, 0, 0) != HC_OK || info.magic != HC_INFO_MAGIC)
		guest_test_exit(1);
	guest_puts("hello from ");
	guest_puts(info.name);
	guest_puts("\n");
	for (uint64_t i = 1; i <= COUNT; i++) {
		guest_puts("counter ");
		guest_put_uint(i);
		guest_puts("\n");
		kick();
	}
	guest_uart_puts("a line through the virtual UART\n");
	kick();
	guest_puts("hypercalls so far: ");
	guest_put_uint((uint64_t)hcall(HC_EXIT_COUNT, HC_EXIT_HYPERCALL, 0, 0));
	guest_puts("\n");
	if (hcall(HC_EXITS_PRINT, 0, 0, 0) != HC_OK)
		guest_test_exit(1);
	guest_test_exit(0);
}
