// SPDX-License-Identifier: BSD-2-Clause
// Hostile guest: triple-faults its CPU (an exception with no IDT: #UD, then #GP for the
// missing gate, then #DF, then shutdown; SDM 6.15, interrupt 8). Bulkhead applies its on-fault
// policy and nobody else notices.

#include "guest.h"
#include "isolation.h"

struct __attribute__((packed)) desc_ptr {
	uint16_t limit;
	uint64_t base;
};

void guest_main(void);
void guest_main(void)
{
	struct desc_ptr none = {0, 0};

	guest_udelay(HOSTILE_DELAY_US);
	guest_printf("triple: faulting now\n");
	asm volatile("lidt %0; ud2" : : "m"(none));
	guest_printf("triple: still running\n");
	guest_test_exit(GUEST_EXIT_FAIL);
}
